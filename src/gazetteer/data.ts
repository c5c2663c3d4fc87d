// Hand-written name data that cities500.txt lacks: English country aliases and first-level regions.
// Country names come from ICU (Intl.DisplayNames) at build time; these are the extra spellings news uses.

/** Where ICU's English name is not what news writes. */
export const COUNTRY_NAMES: Readonly<Record<string, string>> = {
  CD: "DR Congo",
  CG: "Republic of the Congo",
  PS: "Palestine",
  MM: "Myanmar",
  CI: "Ivory Coast",
  HK: "Hong Kong",
  MO: "Macau",
};

export const COUNTRY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  US: ["US", "U.S.", "USA", "U.S.A.", "United States", "United States of America", "America"],
  GB: ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom", "England", "Scotland", "Wales", "Northern Ireland"],
  PS: ["Palestine", "State of Palestine", "Palestinian Territories", "Occupied Palestinian Territories", "Palestinian territories"],
  CD: ["DRC", "DR Congo", "D.R. Congo", "Democratic Republic of Congo", "Democratic Republic of the Congo", "Congo-Kinshasa", "Congo"],
  CG: ["Republic of the Congo", "Republic of Congo", "Congo-Brazzaville"],
  CI: ["Ivory Coast", "Cote d'Ivoire"],
  MM: ["Myanmar", "Burma"],
  KP: ["North Korea", "DPRK"],
  KR: ["South Korea"],
  TR: ["Turkey", "Turkiye"],
  CZ: ["Czech Republic"],
  MK: ["Macedonia", "North Macedonia"],
  SZ: ["Swaziland"],
  RU: ["Russian Federation"],
  SY: ["Syrian Arab Republic"],
  IR: ["Islamic Republic of Iran"],
  VA: ["Vatican"],
  TL: ["East Timor", "Timor-Leste"],
  CV: ["Cape Verde"],
  AE: ["UAE", "U.A.E.", "United Arab Emirates"],
  SA: ["KSA"],
  BA: ["Bosnia", "Bosnia-Herzegovina"],
  VN: ["Viet Nam"],
  CF: ["CAR"],
  NL: ["Holland"],
  GM: ["Gambia"],
  BS: ["Bahamas"],
  HK: ["Hong Kong"],
  MO: ["Macau", "Macao"],
  XK: ["Kosovo"],
  SS: ["South Sudan"],
  LY: ["Libya"],
  FM: ["Micronesia"],
};

export interface RegionDef {
  /** The first name is the gazetteer name, the rest aliases. */
  names: readonly string[];
  country: string;
  /** GeoNames admin1 code when known … */
  admin1?: string;
  /** … else the name of the region's seat (a PPLA row), whose admin1 code is taken. */
  seat?: string;
}

// Regions named like their capital (Idlib, Donetsk) only get suffixed forms, so that the bare name stays a
// city: "Donetsk" is the city, "Donetsk Oblast" the region.
export const REGIONS: readonly RegionDef[] = [
  // Iraq
  { names: ["Nineveh", "Ninawa", "Ninewa", "Nineveh Governorate", "Nineveh province", "Ninawa Governorate"], country: "IQ", admin1: "15" },
  { names: ["Anbar", "Al Anbar", "Al-Anbar", "Anbar province", "Anbar Governorate"], country: "IQ", admin1: "01" },
  { names: ["Salahuddin", "Salah ad Din", "Salah al-Din", "Saladin", "Salahuddin province", "Salah al-Din province"], country: "IQ", admin1: "18" },
  { names: ["Diyala", "Diyala province", "Diyala Governorate"], country: "IQ", admin1: "10" },
  { names: ["Kirkuk province", "Kirkuk Governorate", "Tamim"], country: "IQ", admin1: "13" },
  { names: ["Babil", "Babylon province", "Babil province"], country: "IQ", admin1: "06" },
  { names: ["Basra province", "Basra Governorate"], country: "IQ", admin1: "02" },
  { names: ["Kurdistan Region", "Iraqi Kurdistan", "Erbil province"], country: "IQ", admin1: "11" },
  // Syria
  { names: ["Idlib province", "Idlib Governorate", "Idleb province"], country: "SY", admin1: "12" },
  { names: ["Aleppo province", "Aleppo Governorate"], country: "SY", admin1: "09" },
  { names: ["Deir ez-Zor province", "Deir ez-Zor Governorate", "Deir Ezzor province"], country: "SY", admin1: "07" },
  { names: ["Raqqa province", "Raqqa Governorate"], country: "SY", admin1: "04" },
  { names: ["Homs province", "Homs Governorate"], country: "SY", admin1: "11" },
  { names: ["Hama province", "Hama Governorate"], country: "SY", admin1: "10" },
  { names: ["Daraa province", "Daraa Governorate", "Deraa province"], country: "SY", admin1: "06" },
  { names: ["Hasakah province", "Hasakah Governorate", "Hasakeh province"], country: "SY", admin1: "01" },
  { names: ["Latakia province", "Latakia Governorate"], country: "SY", admin1: "02" },
  // Palestinian territories
  { names: ["Gaza Strip", "the Gaza Strip"], country: "PS", admin1: "GZ" },
  { names: ["West Bank", "occupied West Bank"], country: "PS", admin1: "WE" },
  // Ukraine
  { names: ["Donetsk Oblast", "Donetsk region", "Donetsk oblast", "Donetsk province"], country: "UA", admin1: "05" },
  { names: ["Luhansk Oblast", "Luhansk region", "Lugansk region", "Luhansk province"], country: "UA", admin1: "14" },
  { names: ["Kharkiv Oblast", "Kharkiv region", "Kharkiv province", "Kharkov region"], country: "UA", admin1: "07" },
  { names: ["Kherson Oblast", "Kherson region", "Kherson province"], country: "UA", admin1: "08" },
  { names: ["Zaporizhzhia Oblast", "Zaporizhzhia region", "Zaporizhzhia province", "Zaporizhia region"], country: "UA", admin1: "26" },
  { names: ["Sumy Oblast", "Sumy region"], country: "UA", admin1: "21" },
  { names: ["Dnipropetrovsk Oblast", "Dnipropetrovsk region"], country: "UA", admin1: "04" },
  { names: ["Mykolaiv Oblast", "Mykolaiv region"], country: "UA", admin1: "16" },
  { names: ["Odesa Oblast", "Odesa region", "Odessa region"], country: "UA", admin1: "17" },
  { names: ["Donbas", "Donbass"], country: "UA", admin1: "05" },
  { names: ["Crimea", "Crimean peninsula"], country: "UA", admin1: "11" },
  // Russia
  { names: ["Chechnya", "Chechen Republic"], country: "RU", seat: "Grozny" },
  { names: ["Dagestan"], country: "RU", seat: "Makhachkala" },
  { names: ["Belgorod Oblast", "Belgorod region"], country: "RU", seat: "Belgorod" },
  { names: ["Kursk Oblast", "Kursk region"], country: "RU", seat: "Kursk" },
  // Afghanistan, Pakistan, India
  { names: ["Helmand", "Helmand province"], country: "AF", seat: "Lashkar Gah" },
  { names: ["Kandahar province"], country: "AF", seat: "Kandahar" },
  { names: ["Nangarhar", "Nangarhar province"], country: "AF", seat: "Jalalabad" },
  { names: ["Kunduz province"], country: "AF", seat: "Kunduz" },
  { names: ["Ghazni province"], country: "AF", seat: "Ghazni" },
  { names: ["Khyber Pakhtunkhwa", "KP province", "North-West Frontier Province"], country: "PK", seat: "Peshawar" },
  { names: ["Balochistan", "Baluchistan"], country: "PK", seat: "Quetta" },
  { names: ["Jammu and Kashmir", "Kashmir"], country: "IN", seat: "Srinagar" },
  { names: ["Manipur"], country: "IN", seat: "Imphal" },
  // Africa
  { names: ["Borno", "Borno State", "Borno state"], country: "NG", seat: "Maiduguri" },
  { names: ["Yobe", "Yobe State"], country: "NG", seat: "Damaturu" },
  { names: ["Zamfara", "Zamfara State"], country: "NG", seat: "Gusau" },
  { names: ["Benue", "Benue State"], country: "NG", seat: "Makurdi" },
  { names: ["Plateau State"], country: "NG", seat: "Jos" },
  { names: ["Tigray", "Tigray region"], country: "ET", seat: "Mek'ele" },
  { names: ["Amhara", "Amhara region"], country: "ET", seat: "Bahir Dar" },
  { names: ["North Darfur"], country: "SD", seat: "El Fasher" },
  { names: ["South Darfur"], country: "SD", seat: "Nyala" },
  { names: ["West Darfur"], country: "SD", seat: "Geneina" },
  { names: ["North Kivu"], country: "CD", seat: "Goma" },
  { names: ["South Kivu"], country: "CD", seat: "Bukavu" },
  { names: ["Ituri", "Ituri province"], country: "CD", seat: "Bunia" },
  // Myanmar
  { names: ["Rakhine", "Rakhine State", "Arakan"], country: "MM", seat: "Sittwe" },
  { names: ["Shan State"], country: "MM", seat: "Taunggyi" },
  // Mexico
  { names: ["Chihuahua state", "state of Chihuahua"], country: "MX", seat: "Chihuahua" },
  { names: ["Guerrero", "Guerrero state"], country: "MX", seat: "Chilpancingo" },
  { names: ["Michoacan", "Michoacán", "Michoacan state"], country: "MX", seat: "Morelia" },
  { names: ["Sinaloa", "Sinaloa state"], country: "MX", seat: "Culiacán" },
  { names: ["Tamaulipas", "Tamaulipas state"], country: "MX", seat: "Ciudad Victoria" },
  { names: ["Jalisco", "Jalisco state"], country: "MX", seat: "Guadalajara" },
  { names: ["Sonora", "Sonora state"], country: "MX", seat: "Hermosillo" },
  { names: ["Guanajuato state"], country: "MX", seat: "Guanajuato" },
  { names: ["Zacatecas state"], country: "MX", seat: "Zacatecas" },
  { names: ["Veracruz state"], country: "MX", seat: "Xalapa" },
  // El Salvador, Colombia
  { names: ["Morazan", "Morazán department"], country: "SV", seat: "San Francisco Gotera" },
  { names: ["Chalatenango department"], country: "SV", seat: "Chalatenango" },
  { names: ["Antioquia"], country: "CO", seat: "Medellín" },
  { names: ["Cauca department"], country: "CO", seat: "Popayán" },
];

// GeoNames uses the postal codes as admin1 codes for US states.
export const US_STATES: Readonly<Record<string, string>> = {
  AL: "Alabama", AK: "Alaska", AZ: "Arizona", AR: "Arkansas", CA: "California", CO: "Colorado",
  CT: "Connecticut", DE: "Delaware", DC: "District of Columbia", FL: "Florida", GA: "Georgia", HI: "Hawaii",
  ID: "Idaho", IL: "Illinois", IN: "Indiana", IA: "Iowa", KS: "Kansas", KY: "Kentucky", LA: "Louisiana",
  ME: "Maine", MD: "Maryland", MA: "Massachusetts", MI: "Michigan", MN: "Minnesota", MS: "Mississippi",
  MO: "Missouri", MT: "Montana", NE: "Nebraska", NV: "Nevada", NH: "New Hampshire", NJ: "New Jersey",
  NM: "New Mexico", NY: "New York State", NC: "North Carolina", ND: "North Dakota", OH: "Ohio", OK: "Oklahoma",
  OR: "Oregon", PA: "Pennsylvania", RI: "Rhode Island", SC: "South Carolina", SD: "South Dakota",
  TN: "Tennessee", TX: "Texas", UT: "Utah", VT: "Vermont", VA: "Virginia", WA: "Washington State",
  WV: "West Virginia", WI: "Wisconsin", WY: "Wyoming",
};
