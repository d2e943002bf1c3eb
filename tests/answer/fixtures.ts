// Two hand-built fact tables for the answer engine's tests:
// - seedTable(): modelled on the five seed articles (their real text, facts placed by hand);
// - inventedTable(): an invented country and people, with two spellings of one name, an age conflict,
//   a denial that is not a defection, a quote with an addressee, and a person-less event.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FactTable } from '../../src/facts/schema.js';
import { date, TableBuilder, type ArticleSpec } from './builder.js';

const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));

/** Seed text with blank lines and page furniture dropped (what the extractor's cleaning should do). */
function seedText(file: string): string {
  const furniture = /^(Share|Sign up to our free newsletters|Get the best updates.*|Please select.*|You can unsubscribe.*|.*Reuters)$/;
  return readFileSync(`${SEEDS}${file}`, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !furniture.test(l))
    .join('\n');
}

const SEED_META: Array<[string, string, string]> = [
  ['000_3b4f70ffe2a1464c', '2012-03-08', 'AFP'],
  ['001_5cdcdb820694c054', '2012-03-08', 'AP'],
  ['002_70af7e54198c2116', '2012-07-11', 'Al Jazeera'],
  ['003_1bd21216735112a5', '2012-07-12', 'agencies'],
  ['004_b9117ea132e15fa2', '2012-08-06', 'Reuters'],
];

export const A0 = '000_3b4f70ffe2a1464c';
export const A1 = '001_5cdcdb820694c054';
export const A2 = '002_70af7e54198c2116';
export const A3 = '003_1bd21216735112a5';
export const A4 = '004_b9117ea132e15fa2';

export function seedTable(): FactTable {
  const specs: ArticleSpec[] = SEED_META.map(([id, published, outlet]) => ({ id, published, outlet, text: seedText(`${id}.txt`) }));
  const b = new TableBuilder(specs);
  b.person({
    id: 'abdo-hussameddin',
    name: 'Abdo Hussameddin',
    aliases: ['Hussameddin', 'Abdo Husameddine', 'Husameddine'],
    roles: [{ title: 'deputy oil minister', surface: 'deputy oil minister', at: [A0, "Syria's deputy oil minister Abdo Hussameddin"] }],
    attributes: [
      { kind: 'age', value: '57', at: [A0, 'The 57-year-old'] },
      { kind: 'age', value: '58', at: [A1, 'a 58-year-old father of four'] },
      { kind: 'family', value: 'married, four children', at: [A0, 'is married and has four children'] },
    ],
  })
    .person({
      id: 'nawaf-al-fares',
      name: 'Nawaf al-Fares',
      aliases: ['Fares', 'Mr Fares'],
      roles: [
        { title: 'ambassador to iraq', surface: 'ambassador to Iraq', at: [A2, "Syria's ambassador to Iraq has defected"] },
        { title: 'ambassador to iraq', surface: 'ambassador to Iraq', at: [A3, "Syria's ambassador to Iraq has defected"] },
      ],
      attributes: [
        { kind: 'origin', value: 'Deir al-Zor', at: [A2, 'Fares is from Deir al-Zor'] },
        { kind: 'religion', value: 'Sunni', at: [A2, 'Fares, a Sunni'] },
      ],
    })
    .person({
      id: 'riyad-hijab',
      name: 'Riyad Hijab',
      aliases: ['Mr Hijab', 'Hijab'],
      roles: [
        { title: 'prime minister', surface: 'prime minister', at: [A4, 'as prime minister only in June'] },
        { title: 'agriculture minister', surface: 'formerly agriculture minister', former: true, at: [A4, 'formerly agriculture minister'] },
      ],
      attributes: [
        { kind: 'religion', value: 'Sunni', at: [A4, 'he was also a Sunni'] },
        { kind: 'origin', value: 'Deir al-Zor', at: [A4, 'home province of Deir al-Zor'] },
      ],
    })
    .person({ id: 'manaf-tlas', name: 'Manaf Tlas', aliases: ['Mr Tlas'], roles: [{ title: 'brigadier general', surface: 'a brigadier general in the elite Republican Guard', at: [A3, 'a brigadier general in the elite'] }] })
    .person({
      id: 'bashar-al-assad',
      name: 'Bashar al-Assad',
      aliases: ['Bashar Assad', 'Assad', 'Dr Assad', 'Mr Assad'],
      roles: [{ title: 'president', surface: 'President', at: [A0, 'President Bashar al-Assad'] }],
    })
    .person({ id: 'hafez-al-assad', name: 'Hafez al-Assad', roles: [{ title: 'president', surface: 'the late president', former: true, at: [A2, 'the late president Hafez al-Assad'] }] })
    .person({ id: 'mostafa-ahmad-al-sheik', name: 'Mostafa Ahmad al-Sheik', roles: [{ title: 'brigadier general', surface: 'Brig. Gen.', at: [A1, 'who fled to Turkey in January'] }] })
    .person({ id: 'adnan-bakkour', name: 'Adnan Bakkour', roles: [{ title: 'attorney general of hama', surface: 'the attorney general of the central city of Hama', at: [A1, 'the attorney general of the central city of Hama'] }] })
    .person({ id: 'bassam-imadi', name: 'Bassam Imadi', roles: [{ title: 'ambassador to sweden', surface: 'Syrian ambassador to Sweden until December', former: true, at: [A2, 'ambassador to Sweden until December'] }] })
    .person({ id: 'hillary-clinton', name: 'Hillary Clinton', aliases: ['Mrs Clinton'], roles: [{ title: 'secretary of state', surface: 'Secretary of State', at: [A3, 'Secretary of State Hillary Clinton'] }] })
    .person({ id: 'khaled-al-hbous', name: 'Khaled al Hbous', aliases: ['Khaled al Hbous'] })
    .person({ id: 'valerie-amos', name: 'Valerie Amos', roles: [{ title: 'un humanitarian chief', surface: 'UN humanitarian chief', at: [A1, 'UN humanitarian chief Valerie Amos'] }] })
    .event({
      kind: 'defection', person: 'abdo-hussameddin', subject: 'Abdo Hussameddin', role: 'deputy oil minister',
      date: date('on Wednesday', '2012-03-07', 'day'), announcedVia: 'video on YouTube', helpedBy: ['the opposition'],
      at: [A0, 'the opposition had helped arrange the defection'],
    })
    .event({
      kind: 'defection', person: 'abdo-hussameddin', subject: "Syria's deputy oil minister", role: 'deputy oil minister',
      date: date('on Thursday', '2012-03-08', 'day'), announcedVia: 'video on YouTube', at: [A1, 'announced on Thursday that he has defected'],
    })
    .event({
      kind: 'defection', person: 'nawaf-al-fares', subject: 'Nawaf al-Fares', role: 'ambassador to iraq',
      date: date('on Wednesday', '2012-07-11', 'day'), announcedVia: 'statement to Al Jazeera', at: [A2, 'said Fares on Wednesday'],
    })
    .event({
      kind: 'defection', person: 'nawaf-al-fares', subject: 'Mr Fares', role: 'ambassador to iraq',
      date: date('last night', '2012-07-11', 'day'), announcedVia: 'video statement on Facebook', at: [A3, 'posted a video statement on Facebook last night'],
    })
    .event({ kind: 'defection', person: 'manaf-tlas', subject: 'Manaf Tlas', role: 'brigadier general', at: [A3, 'desert Dr Assad following Manaf Tlas'] })
    .event({ kind: 'flight', person: 'manaf-tlas', subject: 'Mr Tlas', place: 'Paris', at: [A3, 'since fleeing to Paris'] })
    .event({
      kind: 'defection', person: 'riyad-hijab', subject: 'Riyad Hijab', role: 'prime minister', date: date('today', '2012-08-06', 'day'),
      place: 'Jordan', helpedBy: ['Free Syrian Army fighters'], announcedVia: 'statement read by a spokesman, broadcast by Al Jazeera',
      at: [A4, 'I announce today my defection'],
    })
    .event({ kind: 'flight', person: 'riyad-hijab', subject: 'Mr Hijab', place: 'Jordan', date: date('this morning', '2012-08-06', 'day'), helpedBy: ['Free Syrian Army fighters'], at: [A4, 'his fighters had helped Mr Hijab flee the country'] })
    .event({ kind: 'dismissal', person: 'riyad-hijab', subject: 'Mr Hijab', role: 'prime minister', at: [A4, 'Mr Hijab had been fired'] })
    .event({ kind: 'appointment', person: 'riyad-hijab', subject: 'Mr Hijab', role: 'prime minister', date: date('in June', '2012-06', 'month'), at: [A4, 'as prime minister only in June'] })
    .event({ kind: 'defection', person: 'mostafa-ahmad-al-sheik', subject: 'Brig. Gen. Mostafa Ahmad al-Sheik', role: 'brigadier general', date: date('in January', '2012-01', 'month'), place: 'Turkey', at: [A1, 'who fled to Turkey in January'] })
    .event({ kind: 'defection', person: 'adnan-bakkour', subject: 'Adnan Bakkour', role: 'attorney general of hama', date: date('In late August', '2011-08', 'month', 'late'), announcedVia: 'video', at: [A1, 'appeared in a video announcing he had defected'] })
    .event({ kind: 'defection', person: null, subject: 'a top Syrian Air Force colonel', role: 'colonel', date: date('in January', '2012-01', 'month'), at: [A1, 'a top Syrian Air Force colonel defected'] })
    .event({ kind: 'defection', person: 'bassam-imadi', subject: 'Bassam Imadi', role: 'ambassador to sweden', at: [A2, 'The first was Bassam Imadi'] })
    .quote({ text: 'I, the engineer Abdo Hussameddin, the deputy oil minister ... announce my defection from the regime and my resignation', speaker: 'abdo-hussameddin', speakerName: 'Abdo Hussameddin', article: A0 })
    .quote({ text: 'friends of the Syrian people but partners in the killing of the Syrian people.', speaker: 'abdo-hussameddin', speakerName: 'Hussameddin', article: A0 })
    .quote({ text: 'I advise the Alawite community and say to them', speaker: 'abdo-hussameddin', speakerName: 'Husameddine', addressee: 'the Alawite community', article: A1 })
    .quote({ text: 'I advise my colleagues who have been silent in the face of crimes for a year to abandon this sinking ship, which is about to drown', speaker: 'abdo-hussameddin', speakerName: 'Husameddine', addressee: 'his colleagues', via: 'AP', article: A1 })
    .quote({ text: 'I announced my resignation as Syrian ambassador to Iraq as I also declare my defection from the Syrian Baath party', speaker: 'nawaf-al-fares', speakerName: 'Fares', article: A2 })
    .quote({ text: 'I declare that I have joined, from this moment, the ranks of the revolution of the Syrian people', speaker: 'nawaf-al-fares', speakerName: 'Mr Fares', article: A3 })
    .quote({
      text: 'I ask . . . the members of the military to join the revolution and to defend the country and the citizens. Turn your guns on the criminals from this regime. . . . Every Syrian man has to join the revolution to remove this nightmare and this gang',
      speaker: 'nawaf-al-fares', speakerName: 'Mr Fares', addressee: 'the military', article: A3,
    })
    .quote({ text: 'I announce today my defection from the killing and terrorist regime and I announce that I have joined the ranks of the freedom and dignity revolution', speaker: 'riyad-hijab', speakerName: 'Mr Hijab', via: 'Al Jazeera', article: A4 })
    .quote({ text: 'Between 5.30 and 7.30 this morning we did it', speaker: 'khaled-al-hbous', speakerName: 'Khaled al Hbous', via: 'Reuters', article: A4 })
    .quote({ text: 'We do see momentum building', speaker: 'hillary-clinton', speakerName: 'Mrs Clinton', article: A3 })
    .quote({ text: 'The Syrian foreign ministry declares that Nawaf al-Fares has been relieved of his duties', speaker: null, speakerName: 'a terse government statement', article: A3 });
  return b.build();
}

export const INV_A = 'harbor-2031-02-04';
export const INV_B = 'northwind-2031-03-10';

const INVENTED: ArticleSpec[] = [
  {
    id: INV_A,
    outlet: 'Harbor Times',
    published: '2031-02-04',
    text: [
      "Veloria's defence minister Tomas Keszler has defected to the opposition, the Harbor Times has learned.",
      'Keszler, 61, crossed into Marenport on Monday with the help of the Coastal Front, a rebel militia.',
      '"Lay down your arms and come home," Keszler told the navy in a radio message.',
      'Finance minister Ilse Varga denied reports that she had defected. "I remain at my desk," Varga said.',
      'Keszler was born in the northern town of Drava and is married with two daughters.',
    ].join('\n'),
  },
  {
    id: INV_B,
    outlet: 'Northwind Wire',
    published: '2031-03-10',
    text: [
      'General Piet Orlov, the army chief of staff, fled to Kestria last night, officials said.',
      'Orlov is the second senior figure to abandon President Lukas Renner after defence minister Tomas Keszlar, 62, who quit in February.',
      'Government spokeswoman Anya Brandt said: "The government remains in control of every province."',
      'Marek Orlov, the general\'s brother, is a member of parliament.',
      'Orlov announced his defection in a video posted on Facebook.',
      'A navy captain also deserted in March, the wire reported.',
    ].join('\n'),
  },
];

export function inventedTable(): FactTable {
  const b = new TableBuilder(INVENTED);
  b.person({
    id: 'tomas-keszler',
    name: 'Tomas Keszler',
    aliases: ['Keszler', 'Tomas Keszlar'],
    roles: [{ title: 'defence minister', surface: 'defence minister', at: [INV_A, "Veloria's defence minister Tomas Keszler"] }],
    attributes: [
      { kind: 'age', value: '61', at: [INV_A, 'Keszler, 61'] },
      { kind: 'age', value: '62', at: [INV_B, 'Tomas Keszlar, 62'] },
      { kind: 'origin', value: 'Drava', at: [INV_A, 'town of Drava'] },
      { kind: 'family', value: 'married, two daughters', at: [INV_A, 'married with two daughters'] },
    ],
  })
    .person({ id: 'ilse-varga', name: 'Ilse Varga', aliases: ['Varga'], roles: [{ title: 'finance minister', surface: 'Finance minister', at: [INV_A, 'Finance minister Ilse Varga'] }] })
    .person({
      id: 'piet-orlov',
      name: 'Piet Orlov',
      aliases: ['General Piet Orlov', 'Orlov'],
      roles: [{ title: 'army chief of staff', surface: 'the army chief of staff', at: [INV_B, 'the army chief of staff'] }],
    })
    .person({ id: 'marek-orlov', name: 'Marek Orlov', roles: [{ title: 'member of parliament', surface: 'a member of parliament', at: [INV_B, 'is a member of parliament'] }], attributes: [{ kind: 'family', value: "Piet Orlov's brother", at: [INV_B, "the general's brother"] }] })
    .person({ id: 'lukas-renner', name: 'Lukas Renner', roles: [{ title: 'president', surface: 'President', at: [INV_B, 'President Lukas Renner'] }] })
    .person({ id: 'anya-brandt', name: 'Anya Brandt', roles: [{ title: 'government spokeswoman', surface: 'Government spokeswoman', at: [INV_B, 'Government spokeswoman Anya Brandt'] }] })
    .event({
      kind: 'defection', person: 'tomas-keszler', subject: 'Tomas Keszler', role: 'defence minister', date: date('on Monday', '2031-02-03', 'day'),
      place: 'Marenport', helpedBy: ['the Coastal Front'], at: [INV_A, 'crossed into Marenport on Monday'],
    })
    .event({ kind: 'defection', person: 'tomas-keszler', subject: 'Tomas Keszlar', role: 'defence minister', date: date('in February', '2031-02', 'month'), at: [INV_B, 'who quit in February'] })
    .event({ kind: 'defection', person: 'piet-orlov', subject: 'General Piet Orlov', role: 'army chief of staff', date: date('last night', '2031-03-09', 'day'), announcedVia: 'video posted on Facebook', at: [INV_B, 'announced his defection in a video'] })
    .event({ kind: 'flight', person: 'piet-orlov', subject: 'General Piet Orlov', place: 'Kestria', date: date('last night', '2031-03-09', 'day'), at: [INV_B, 'fled to Kestria last night'] })
    .event({ kind: 'defection', person: null, subject: 'a navy captain', role: 'navy captain', date: date('in March', '2031-03', 'month'), at: [INV_B, 'A navy captain also deserted'] })
    .quote({ text: 'Lay down your arms and come home', speaker: 'tomas-keszler', speakerName: 'Keszler', addressee: 'the navy', article: INV_A })
    .quote({ text: 'I remain at my desk', speaker: 'ilse-varga', speakerName: 'Varga', article: INV_A })
    .quote({ text: 'The government remains in control of every province.', speaker: 'anya-brandt', speakerName: 'Anya Brandt', article: INV_B });
  return b.build();
}
