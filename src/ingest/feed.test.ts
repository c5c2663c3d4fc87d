import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, test } from "node:test";
import { readFeed } from "./feed.ts";
import { readSources } from "./index.ts";
import { articles, collect, errors, withTempDir } from "./test-helpers.ts";

const rssItem = (i: number, extra = ""): string => `
  <item>
    <title>Item ${i}: strike kills ${i} in village</title>
    <link>https://news.example.org/${i}</link>
    <guid>guid-${i}</guid>
    <pubDate>Sat, 25 Mar 2017 11:22:00 GMT</pubDate>
    <dc:creator>Reporter ${i}</dc:creator>
    <description>Snippet ${i}</description>
    <content:encoded><![CDATA[<p>An air strike killed ${i} people on Saturday.</p><script>alert("FEEDSCRIPT")</script><p onclick="x()">Officials said &lt;b&gt; was not bold.</p>]]></content:encoded>${extra}
  </item>`;

const rss = (items: string): string => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Wire</title><link>https://news.example.org/</link><description>wire</description>
${items}
</channel></rss>`;

describe("RSS and Atom", () => {
  test("each item is an article: title, link, date, creator, content:encoded as cleaned text", async () => {
    const items = await collect(readFeed(rss(rssItem(1) + rssItem(2)), { origin: "file:feeds/x.xml" }));
    assert.deepEqual(errors(items), []);
    const [a, b] = articles(items);
    assert.equal(a?.title, "Item 1: strike kills 1 in village");
    assert.equal(a?.url, "https://news.example.org/1");
    assert.equal(a?.published, "2017-03-25T11:22:00.000Z");
    assert.equal(a?.author, "Reporter 1");
    assert.equal(a?.outlet, "Example Wire");
    assert.equal(a?.external_id, "guid-1");
    assert.equal(a?.text, "An air strike killed 1 people on Saturday.\n\nOfficials said <b> was not bold.");
    assert.equal(a?.origin, "file:feeds/x.xml#item=1");
    assert.equal(b?.origin, "file:feeds/x.xml#item=2");
  });

  test("one broken item gives an error for it and the rest goes on", async () => {
    const broken = `<item><title>AT&T <b>unclosed</title><link>https://news.example.org/bad</link></item>`;
    const items = await collect(readFeed(rss(rssItem(1) + broken + rssItem(3)), { origin: "file:feeds/x.xml" }));
    const errs = errors(items);
    assert.equal(errs.length, 1);
    assert.equal(errs[0]?.origin, "file:feeds/x.xml#item=2");
    assert.match(errs[0]?.error ?? "", /broken item/);
    assert.deepEqual(
      articles(items).map((a) => [a.origin, a.title]),
      [
        ["file:feeds/x.xml#item=1", "Item 1: strike kills 1 in village"],
        ["file:feeds/x.xml#item=3", "Item 3: strike kills 3 in village"],
      ],
    );
  });

  test("an item without any text is an error for that item", async () => {
    const empty = `<item><title>Only a title</title><link>https://news.example.org/e</link></item>`;
    const items = await collect(readFeed(rss(empty + rssItem(2)), { origin: "u" }));
    assert.equal(errors(items)[0]?.origin, "u#item=1");
    assert.equal(articles(items).length, 1);
  });

  test("falls back to the description when there is no content:encoded", async () => {
    const item = `<item><title>Short one here</title><link>https://news.example.org/s</link><description>&lt;p&gt;Two died.&lt;/p&gt;</description></item>`;
    const [a] = articles(await collect(readFeed(rss(item), { origin: "u" })));
    assert.equal(a?.text, "Two died.");
  });

  test("Atom: published date, author, HTML content", async () => {
    const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title><id>urn:x</id><updated>2017-03-26T00:00:00Z</updated>
<entry><title>Shelling kills four</title><id>urn:e1</id><link href="https://atom.example.net/e1"/>
<published>2017-03-25T11:22:00Z</published><updated>2017-03-26T09:00:00Z</updated><author><name>Bob Smith</name></author>
<content type="html">&lt;p&gt;Four people were killed.&lt;/p&gt;&lt;p&gt;Ten were hurt.&lt;/p&gt;</content></entry></feed>`;
    const [a] = articles(await collect(readFeed(atom, { origin: "file:a.atom" })));
    assert.equal(a?.title, "Shelling kills four");
    assert.equal(a?.published, "2017-03-25T11:22:00.000Z");
    assert.equal(a?.author, "Bob Smith");
    assert.equal(a?.url, "https://atom.example.net/e1");
    assert.equal(a?.text, "Four people were killed.\n\nTen were hurt.");
  });

  test("a feed saved as .html is detected from its content", async () => {
    await withTempDir(async (dir) => {
      const p = join(dir, "feed.html");
      await writeFile(p, rss(rssItem(1)));
      const items = await collect(readSources([p]));
      assert.equal(articles(items)[0]?.origin, `file:${p}#item=1`);
    });
  });

  test("a feed that is not XML at all gives one error", async () => {
    const items = await collect(readFeed("<rss><channel><title>x</channel>", { origin: "u" }));
    assert.equal(items.length, 1);
    assert.equal(items[0]?.ok, false);
  });
});
