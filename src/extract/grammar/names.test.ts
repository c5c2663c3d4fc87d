// People named by the text: read with case in mixed-case copy, by position in wire copy written in capitals,
// counted once however often they are named.
import { test } from "node:test";
import assert from "node:assert/strict";
import { extract } from "../index.ts";
import { sameName } from "./names.ts";

function read(text: string) {
  const r = extract(text, { detectHeader: false });
  return { claims: r.claims, killed: r.totals.killed?.best ?? 0, injured: r.totals.injured?.best ?? 0 };
}

test("the murder of a named person, in capitals and in mixed case", () => {
  const upper = read("THE FMLN CONDEMNED THE ASSASSINATION OF HECTOR OQUELI COLINDRES IN GUATEMALA.");
  assert.equal(upper.killed, 1);
  assert.deepEqual(upper.claims.map((c) => [c.rule, c.victim_name]), [["named-nominal", "HECTOR OQUELI COLINDRES"]]);
  const mixed = read("Thousands mourned after the murder of political analyst Edgar Chacon.");
  assert.equal(mixed.claims[0]?.victim_name, "Edgar Chacon");
  assert.equal(mixed.claims[0]?.victims_text, "political analyst Edgar Chacon");
});

test("a list of people: named, described and counted", () => {
  const r = read("THE MILITARY MEN ARE SUSPECTED IN THE ASSASSINATION OF UNIVERSITY RECTOR IGNACIO ELLACURIA, FIVE OTHER JESUITS, AND TWO WOMEN.");
  assert.equal(r.killed, 8);
  const s = read("THIS NEW CRIME AND THE ASSASSINATION OF DR OQUELI AND HIS COMPANION, GILDA FLORES, SHOW THAT.");
  assert.equal(s.killed, 2);
  const t = read("A FOREIGN COMMANDO KILLED HECTOR OQUELI, LEADER OF THE NATIONAL REVOLUTIONARY MOVEMENT, AND SOCIAL DEMOCRATIC LEADER GILDA FLORES IN GUATEMALA.");
  assert.equal(t.killed, 2);
});

test("named subjects of a passive, with ages and appositives", () => {
  assert.equal(read("JOSE OSCAR MARIN, 32, WAS KILLED WHEN 20 KG OF DYNAMITE EXPLODED.").killed, 1);
  assert.equal(read("IT WAS LEARNED THAT CRISTOBAL PEREZ AND RUBEN DARIO RAMIREZ WERE SHOT TO DEATH BY ARMED MEN.").killed, 2);
  assert.equal(read("POLICE SAID THAT BARILLAS, AMBASSADOR TO SPAIN DURING THE FIRST 2 YEARS OF THE ADMINISTRATION, WAS GUNNED DOWN.").killed, 1);
  const r = read("Laura Garcia, 35, of San Jose, was fatally wounded.");
  assert.deepEqual([r.killed, r.injured], [1, 0]);
});

test("one person named again is counted once; a person named after a count is inside it", () => {
  assert.equal(read("THE MURDER OF PRESIDENCY MINISTER ANTONIO RODRIGUEZ PORTH SHOCKED THE COUNTRY. RODRIGUEZ PORTH, 65, WAS KILLED NEAR HIS HOME.").killed, 1);
  assert.equal(read("TWO LEADERS OF THE PATRIOTIC UNION WERE KILLED. CRISTOBAL PEREZ AND RUBEN DARIO RAMIREZ WERE SHOT TO DEATH.").killed, 2);
  assert.equal(read("THE ARENA PARTY CONDEMNED THE MURDER OF MINISTER ANTONIO RODRIGUEZ PORTH. TWO OF HIS BODYGUARDS WERE ALSO KILLED.").killed, 3);
});

test("sameName: family names shared, given names not in conflict", () => {
  assert.ok(sameName("Rodriguez Porth", "Dr Antonio Rodriguez"));
  assert.ok(sameName("Galan", "Luis Carlos Galan"));
  assert.ok(!sameName("Marwan Mustafa Al-Sawaf", "Montaser Mustafa Al-Sawaf"));
  assert.ok(!sameName("Jose Oscar Marin", "Jose Antonio Rodriguez Porth"));
});

test("a named person's murder dated to a past year is background wherever the text names it", () => {
  const r = extract("THE GOVERNMENT REVEALED THE RESULTS OF AN INVESTIGATION INTO THE MURDER OF MSGR OSCAR ARNULFO ROMERO. ROMERO WAS KILLED IN 1980 WHILE SAYING MASS.", { detectHeader: false, published: "1989-02-06" });
  assert.deepEqual(r.claims.map((c) => c.historical), [true, true]);
  assert.equal(r.totals.killed, null);
});
