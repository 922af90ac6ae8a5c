/**
 * Boilerplate shared by the HMIC 2012 force press releases, copied verbatim from `seeds/*.txt`
 * (quotes, apostrophes and dashes exactly as the seeds have them). Only the force name, the
 * revisit year and the link style are ever substituted.
 *
 * `tests/bench/generate.test.ts` checks that every string here still occurs in some seed.
 */

/** How a release is dressed: markdown (`## **…**`, `[link](…)`, italic quotes) or plain text. */
export type ReleaseStyle = 'markdown' | 'plain';

/** The HMIC site as the seeds write it, in either style. */
export function hmicLink(style: ReleaseStyle): string {
  return style === 'markdown' ? '[www.hmic.gov.uk](http://www.hmic.gov.uk)' : 'www.hmic.gov.uk';
}

/** First background paragraph (identical in every seed). */
export const BACKGROUND_REQUEST =
  'In 2011, the Home Secretary asked Her Majesty\'s Inspectorate of Constabulary (HMIC) to look at "instances of undue influence, inappropriate contractual arrangements and other abuses of power in police relationships with the media and other parties".';

/** The two wordings of the second background paragraph found in the seeds. */
export const BACKGROUND_FINDINGS: readonly string[] = [
  'While the resulting report, *Without Fear or Favour*, found no evidence that corruption was endemic in police service relationships, it did not issue a clean bill of health. In particular, HMIC was concerned that few forces provided any policy or guidance in relation to key integrity issues, such as how to interact with the media, use of social media, and what second jobs are suitable for officers and staff. The report made several recommendations to help the service address these issues.',
  'While the resulting report, *Without Fear or Favour*, found no evidence that corruption was endemic in police service relationships, it did not issue a clean bill of health. In particular, HMIC was concerned that few forces provided any policy or guidance in relation to social media, and what second jobs are suitable for officers and staff. The report made several recommendations to help the service address these issues.',
];

/** Third background paragraph; the seeds say 2012, later synthetic years substitute theirs. */
export function backgroundRevisit(year: number): string {
  return `In ${year} HMIC revisited all forces to track progress against these recommendations.`;
}

/** Headline wordings seen in the seeds (`{F}` = force name). */
export const HEADLINES: readonly string[] = [
  '{F} has made some improvements to how they identify, monitor and manage integrity issues',
  '{F} has made improvements to how they identify, monitor and manage integrity issues',
  '{F} made improvements to how they identify, monitor and manage integrity issues',
];

/** One coherent inspector quote: three paragraphs, `{F}` = force name, no surrounding quotes. */
export type QuoteVariant = readonly [string, string, string];

/** The three inspector quotes of the seeds. */
export const QUOTES: readonly QuoteVariant[] = [
  [
    '{F} has made progress in how it manages integrity issues since HMIC last reviewed this in 2011. There have been improvements in how the force identifies, monitors and manages integrity issues, there was good awareness and staff understand their responsibilities in relation to these policies.',
    'Across the whole of England and Wales we found that the police service is making progress in how it safeguards relationships with the media, contractors and others. However, we are concerned that changes nationally have not been implemented at a quicker pace.',
    'HMIC will continue to monitor all forces and inspect progress in order to provide the public with assurance that they are gripping these vital issues.',
  ],
  [
    '{F} has made some progress in the way it manages integrity issues since HMIC last reviewed this in 2011. The improvements include making changes in the way staff deal with offers of gifts and hospitality, and how staff manage media relationships. However, more still needs to be done to ensure that staff are routinely using the new guidance.',
    'Across the whole of England and Wales we found that the police service is making progress in how it monitors and safeguards relationships with the media, contractors and others; but we are concerned that changes nationally have not been implemented at a quicker pace.',
    'HMIC will continue to monitor and inspect progress in order to provide the public with assurance that all forces are gripping these vital issues.',
  ],
  [
    '{F} has made progress in how it manages integrity issues since HMIC last reviewed this in 2011. There have been improvements in how the force identifies, monitors and manages integrity issues. A number of key policies have been brought up-to-date and we found that staff were clear about their responsibilities in these areas.',
    'Across the whole of England and Wales we found that the police service is making progress in how it safeguards relationships with the media, contractors and others. However, we are concerned that changes nationally have not been implemented at a quicker pace.',
    'HMIC will continue to monitor all forces and inspect progress in order to provide the public with assurance that they are gripping these vital issues.',
  ],
];

/** The "full report" line (`{F}` = force name, `{LINK}` = {@link hmicLink}). */
export const REPORT_LINE =
  'The full report for {F}, along with the national thematic review ‘Revisiting police relationships’, can be found at {LINK}';

/** Notes-to-editors headings seen in the seeds. */
export const NOTES_HEADINGS: Readonly<Record<ReleaseStyle, readonly string[]>> = {
  markdown: ['### **Notes to editors**', '#### **Notes to editors**'],
  plain: ['Notes to editors'],
};

/** The six numbered notes to editors, without their numbers (`{LINK}` = {@link hmicLink}). */
export const NOTES: readonly string[] = [
  'A copy of the national report, *Revisiting Police Relationships*, and individual force reports can be found on the HMIC website {LINK}',
  'In 2011, the Home Secretary asked Her Majesty’s Inspectorate of Constabulary (HMIC) to look at “instances of undue influence, inappropriate contractual arrangements and other abuses of power in police relationships with the media and other parties”. The resulting report, *Without Fear or Favour*, was based on an inspection of all 43 forces in England and Wales, as well as the British Transport Police (BTP), the National Policing Improvement Agency (NPIA) and, at its request, the Police Service of Northern Ireland (PSNI). We also ran telephone surveys to find out if the public thought corruption was a problem for the Service, and looked at police use of social media. The 2011 report can be found on the HMIC website {LINK}',
  'The revisit used the 2011 criteria and was based on self assessments by 44 forces (including the British Transport Police), supported by inspection work in July and August 2012. HMIC also repeated and extended the surveys of public opinion on the range and type of corruption issues in the police service, and of police use of social media.',
  'Her Majesty’s Inspectorate of Constabulary (HMIC) is an independent inspectorate, inspecting policing in the public interest, and rigorously examines the efficiency and effectiveness of police forces and authorities to tackle crime and terrorism, improve criminal justice and raise confidence. HMIC inspects and regulates all 43 police forces in England and Wales together with other major policing bodies such as the Serious Organised Crime Agency, the Police Service of Northern Ireland and the British Transport Police.',
  'For further information, HMIC’s press office can be contacted during office hours from 8:30am – 5:30pm Monday – Friday on 0203 513 0600.',
  'HMIC’s out-of-hours press office line for urgent media enquiries is 07836 217 729.',
];

/**
 * Two extra notes one seed (Cambridgeshire) repeats after note 6, with a slightly different
 * "out of hours" spelling; reproduced occasionally so parsers meet the duplicate.
 */
export const DUPLICATE_NOTES: readonly string[] = [
  'For further information, HMIC’s press office can be contacted during office hours from 8:30am – 5:30pm Monday – Friday on 0203 513 0600.',
  'HMIC’s out of hours press office line for urgent media enquiries is 07836 217 729.',
];
