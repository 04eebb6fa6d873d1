// Questions people ask while a card waits for them: "why?" (why this check, why this question),
// "I'm not getting the code" and, at an agreement, "what changed since the last version?". Read before anything else, so that they are answered instead of
// dumping the menu or scolding "use the card", and the card keeps waiting.
import { foldWords, normalizeUtterance } from './normalize.js';

export type StepQuestion = 'why' | 'noCode' | 'whatChanged';

const patterns: Readonly<Record<StepQuestion, readonly RegExp[]>> = {
  why: [
    /^(but )?why( (is|do|does) (this|that|it|you) (needed|need (this|that|it)|necessary))?( (though|exactly))?$/,
    /^what (is|s) (this|that|the)( code| check| step)? for$/, /^why do you (need|want) (this|that|it|a code)$/,
    /^(mais )?pourquoi( (ca|cela|faire))?$/, /^(a )?quoi (ca|cela) sert$/, /^pourquoi (ce|un) code$/,
    /^(maar )?waarom( (is )?(dat|dit) (nodig)?)?$/, /^waar is (dit|die code|de code) voor( nodig)?$/, /^waarom (een|die) code$/,
    /^(men )?varfor( (da|det))?$/, /^vad (ar|behovs) (det|den har koden|koden) (till|for)$/, /^varfor (en|den har) kod$/,
  ],
  noCode: [
    /^(i )?(am |m )?(not getting|never got|didn ?t get|did not get|haven ?t (got|received)|have not (got|received)|don ?t get|do not get) (the |a |any )?(code|sms|text|email|e mail|notification)( yet)?$/,
    /^(no|still no) (code|sms|text|email)( (yet|came|arrived))?$/, /^(i )?(never|still haven ?t|haven ?t|have not) (received|got|gotten) (the |a |any |your )?(code|sms|text|email)( yet)?$/,
    /^(the )?(code|sms|text) (hasn ?t|has not|still hasn ?t) (come|arrived)( yet)?$/, /^(the )?code (doesn ?t|does not|didn ?t|did not|never) (come|arrive)$/,
    /^(je )?(n ?ai|ne recois|ne recoit) (pas|rien) (recu )?(le |de |aucun )?(code|sms|mail|e mail)?( recu)?$/, /^(pas|toujours pas|aucun) (de )?(code|sms)( recu)?$/, /^je (ne )?recois (pas|rien)( de code| le code)?$/,
    /^(j ai|j ai toujours|je n ai toujours) (rien|pas) recu( de code| le code| de sms)?$/, /^le (code|sms) (n arrive|arrive) (pas|toujours pas|jamais)$/,
    /^(ik )?(krijg|ontvang|heb) (geen|nog geen) (code|sms|mail|e mail)( (gekregen|ontvangen))?$/, /^(geen|nog geen) code( ontvangen| gekregen)?$/, /^de code komt (niet|maar niet)( aan)?$/,
    /^(ik )?(heb|krijg) (niks|niets|nog niks|nog niets)( ontvangen| gekregen)?$/, /^(ik )?heb (de|die|een) code (niet|nooit|nog niet) (gekregen|ontvangen)$/,
    /^(jag )?(far|har inte fatt|fick) (ingen|inte nagon|nagon) (kod|sms|e post|mejl)?$/,
    /^(jag )?(har )?(inte|aldrig) (fatt|fick) (nan|nagon|en|ngn)? ?(kod|koden|sms|sms et|e post|mejl|mejlet)( an)?$/, /^(jag )?(far|fick) (inte|aldrig) (nan|nagon|ngn|nagon) (kod|sms)$/, /^(ingen|fortfarande ingen) kod( an)?$/, /^koden (kommer|kom) (inte|aldrig)( fram)?$/,
  ],
  // About the card's own text (an agreement), never about the account: "what changed on my account" is no such question.
  whatChanged: [
    /^(so |and |but )?what( s| has| have)? (changed|is different|s different|is new|s new|are the changes)( (since|compared to|from|in|versus|vs)( the)? (last|previous|old|earlier|former)( (version|one|time))?)?( exactly)?$/,
    /^(so |and |but )?what( are| were)? the (changes|differences)( (since|compared to|from)( the)? (last|previous|old|earlier)( (version|one))?)?$/,
    /^what (did|do) (they|you|the terms|it) change$/,
    /^(et |mais )?(qu est ce qui|quest ce qui|qu est ce qu il y a d|qu y a t il d) (a change|change|est different|est nouveau|a ete modifie|nouveau|different)( (par rapport a|depuis)( la)?( version)? (precedente|derniere|ancienne)( version)?)?( exactement)?$/,
    /^(c est quoi|quels sont|quelles sont) les (changements|differences|modifications|nouveautes)( (par rapport a|depuis)( la)?( version)? (precedente|derniere|ancienne)( version)?)?$/, /^quoi de neuf( dans cette version)?$/,
    /^(en |maar )?wat (is|zijn) (er )?(veranderd|anders|nieuw|gewijzigd|de wijzigingen|de verschillen|de veranderingen)( (ten opzichte van|sinds|vergeleken met|tegenover)( de| het)? (vorige|oude|laatste|eerdere)( versie)?)?( eigenlijk| precies)?$/,
    /^wat (is|zijn) er (veranderd|anders|nieuw|gewijzigd) (ten opzichte van|sinds|vergeleken met)( de| het)? (vorige|oude|laatste|eerdere)( versie)?( eigenlijk| precies)?$/,
    /^(och |men )?vad (har (andrats|forandrats|andrat sig)|ar (nytt|annorlunda|skillnaden)|ar det for (skillnad|andringar))( (sedan|jamfort med|mot)( den| forra| foregaende)? (forra|foregaende|tidigare|gamla|senaste)?( versionen| gangen)?)?( egentligen)?$/,
    /^vilka (andringar|skillnader) (ar det|har gjorts|finns det)( (sedan|jamfort med)( den)? (forra|foregaende|tidigare)( versionen)?)?$/,
  ],
};

const fold = (text: string): string => foldWords(normalizeUtterance(text));

/** "why?" → why, "je n'ai pas reçu le code" → noCode, "wat is er veranderd?" → whatChanged; anything else → undefined. */
export function readStepQuestion(text: string): StepQuestion | undefined {
  if (text.length > 100) return undefined;
  const folded = fold(text);
  if (folded === '' || folded.split(' ').length > 12) return undefined;
  for (const kind of ['noCode', 'why', 'whatChanged'] as const) if (patterns[kind].some((p) => p.test(folded))) return kind;
  return undefined;
}
