/**
 * Common English words. They never match a vocabulary term by typo tolerance ("most" must not
 * become "cost") and never count as the name of an unknown technology.
 */
export const STOPWORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between
  both but by can could did do does doing down during each few for from further had has have having he her here
  hers him his how i if in into is it its itself just let me more most my no nor not now of off on once only or
  other our ours out over own same she should so some such than that the their theirs them then there these they
  this those through to too under until up very was we were what when where which while who whom why will with
  would you your yours yourself yourselves us ok okay please thanks thank hey hi hello yo lol tell give show know
  want need get got think like much many one ones thing things stuff really actually pretty kinda sorta gonna wanna
  guys folks team teams use using used vs versus compare comparison compared better best worse worst good bad
  which whats hows whos wat wut pls plz u ur im were youre its dont doesnt isnt arent cant wont shall may might
  must something anything everything nothing someone anyone way ways stackwise article
  roughly approximately approx ballpark ish yes yeah yep yup nope nah`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Words that only soften or stress ("who actually uses", "does it even run"): dropped before
 * phrases are matched, so they never stand between the words of a phrase.
 */
export const HEDGES = new Set([
  "actually",
  "really",
  "basically",
  "literally",
  "honestly",
  "seriously",
  "truly",
  "even",
  "kinda",
  "sorta",
]);
