//! The vocabulary of transfer news, folded (ASCII, lower case) so that one
//! list serves "négociations" and "negociations": the words that tell a
//! move's stage and kind in English, Spanish, French, Italian, German and
//! Portuguese, the negations that turn them round, and the hedges.

use crate::model::Status;

/// What a phrase says about a move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// A stage of the move.
    Stage(Status),
    /// "Close to an agreement": the agreement words of its sentence mean talks.
    Near,
    /// A new contract at his club.
    Renewal,
    /// Leaving, wherever to.
    Departure,
    Loan,
    /// A permanent move, even if a loan is mentioned.
    Permanent,
    /// An option or obligation to buy after a loan.
    BuyOption,
    /// "could", "might": the text is not sure.
    Hedge,
}

/// Official: the move has happened.
const DONE: &[&str] = &[
    "official",
    "officially",
    "completed deal",
    "completed the deal",
    "completed the signing",
    "completed signing",
    "completed his move",
    "completed move",
    "has completed",
    "have completed",
    "deal completed",
    "paperwork done",
    "paperwork completed",
    "has signed",
    "have signed",
    "signed his",
    "signed new",
    "signed a new",
    "signs new",
    "done deal",
    "unveiled",
    "officially announced",
    "medical completed",
    "contract signed",
    // es, fr, it, de, pt
    "oficial",
    "ha firmado",
    "firmo",
    "oficializado",
    "officiel",
    "officialise",
    "a signe",
    "ufficiale",
    "ha firmato",
    "ufficializzato",
    "offiziell",
    "perfekt",
    "hat unterschrieben",
    "unterschrieb",
    "assinou",
    "oficializou",
];

/// Terms agreed, not official yet.
const AGREED: &[&str] = &[
    "here we go",
    "verbal agreement",
    "agreement done",
    "agreement reached",
    "agreement in place",
    "agreement sealed",
    "agreement completed",
    "full agreement",
    "total agreement",
    "agreement agreed",
    "agree deal",
    "agreed deal",
    "agree terms",
    "agreed terms",
    "agreed on terms",
    "terms agreed",
    "deal agreed",
    "deal in place",
    "deal done",
    "deal sealed",
    "deal closed",
    "almost done",
    "set to sign",
    "set to join",
    "set to complete",
    "medical booked",
    "medical tests",
    "medical test",
    "medical scheduled",
    "medical set",
    "medical today",
    "undergo medical",
    "undergoing medical",
    "final details",
    "last details",
    "final stages",
    "final stage",
    "on the verge of signing",
    "on the verge of joining",
    "documents being signed",
    "documents being exchanged",
    "documents approved",
    "green light",
    "has accepted",
    "accepted the proposal",
    "deal verbally agreed",
    "verbally agreed",
    "agreement",
    "agreed",
    "agree",
    // es
    "acuerdo",
    "acuerdo total",
    "hay acuerdo",
    "principio de acuerdo",
    "cerrado",
    "reconocimiento medico",
    "pruebas medicas",
    // fr
    "accord",
    "accord total",
    "accord trouve",
    "d accord",
    "visite medicale",
    // it
    "accordo",
    "accordo totale",
    "fatta",
    "visite mediche",
    "intesa",
    "affare fatto",
    // de
    "einigung",
    "einig",
    "medizincheck",
    "vor dem wechsel",
    // pt
    "acordo",
    "acerto",
    "exames medicos",
];

/// The parties negotiate.
const TALKS: &[&str] = &[
    "talks",
    "negotiations",
    "negotiating",
    "negotiate",
    "bid",
    "offer",
    "proposal",
    "approach",
    "approached",
    "contacts",
    "contact",
    "closing in",
    "discussions",
    "working on",
    "club to club",
    "meeting",
    "in touch",
    // es
    "negociaciones",
    "negociacion",
    "negocia",
    "negociando",
    "conversaciones",
    "oferta",
    "propuesta",
    "contactos",
    // fr
    "negociations",
    "negociation",
    "negocie",
    "discussions",
    "discute",
    "offre",
    "proposition",
    // it
    "trattativa",
    "trattative",
    "contatti",
    "offerta",
    "proposta",
    "negoziazione",
    // de
    "verhandlungen",
    "verhandelt",
    "gesprache",
    "angebot",
    // pt
    "negociacoes",
    "negociacao",
    "conversas",
];

/// Interest, nothing more.
const RUMOUR: &[&str] = &[
    "interest",
    "interested",
    "keen",
    "monitoring",
    "monitor",
    "target",
    "targets",
    "considering",
    "linked",
    "want",
    "wants",
    "eyeing",
    "chasing",
    "scouting",
    "shortlist",
    "admire",
    "admirers",
    "tracking",
    "explore",
    "exploring",
    "candidate",
    "option",
    // es
    "interes",
    "interesa",
    "interesado",
    "quiere",
    "objetivo",
    "sigue",
    // fr
    "interet",
    "interesse",
    "piste",
    "cible",
    "courtise",
    "suit",
    // it
    "piace",
    "osserva",
    "obiettivo",
    "sondaggio",
    // de
    "beobachtet",
    "im visier",
    "kandidat",
    // pt
    "alvo",
    "monitora",
];

/// The move will not happen.
const OFF: &[&str] = &[
    "collapsed",
    "deal off",
    "talks off",
    "move off",
    "is off",
    "off the table",
    "rejected",
    "turned down",
    "not for sale",
    "not happening",
    "not true",
    "denied",
    "denies",
    "no chance",
    "called off",
    "broke down",
    "breaks down",
    "wants to stay",
    "will stay",
    "staying",
    "stays",
    "no intention",
    "do not consider",
    "does not consider",
    "pulled out",
    "walked away",
    "fake news",
    "rules out",
    "ruled out",
    "not on the market",
    "abandon",
    "abandoned",
    "abandons",
    "abandoning",
    "to a halt",
    "no longer",
    // es
    "descartado",
    "descarta",
    "rechaza",
    "rechazo",
    "se queda",
    "roto",
    "se cae",
    "desmiente",
    "falso",
    // fr
    "refuse",
    "refus",
    "rejete",
    "dement",
    "echec",
    "capote",
    "pas a vendre",
    "va rester",
    // it
    "saltata",
    "saltato",
    "rifiutato",
    "rifiuta",
    "smentisce",
    "smentita",
    // de
    "geplatzt",
    "abgelehnt",
    "absage",
    "bleibt",
    "dementiert",
    "kein thema",
    // pt
    "recusou",
    "recusa",
    "desmente",
    "vai ficar",
];

/// "Close to an agreement" is talks, however sure the agreement words sound.
const NEAR: &[&str] = &[
    "verge of reaching",
    "close to reaching",
    "close to agreement",
    "close to an agreement",
    "closing in on agreement",
    "near agreement",
    "working to reach",
    "trying to reach",
    "cerca del acuerdo",
    "proche d un accord",
    "vicini all accordo",
    "kurz vor einigung",
    "perto de acordo",
];

const RENEWAL: &[&str] = &[
    "new deal",
    "new contract",
    "new long term deal",
    "contract extension",
    "extension",
    "extend",
    "extended",
    "renew",
    "renewal",
    "renewed",
    "stay until",
    "renovacion",
    "renovar",
    "renueva",
    "renovado",
    "prolongation",
    "prolonger",
    "prolonge",
    "rinnovo",
    "rinnovare",
    "rinnova",
    "prolungamento",
    "verlangerung",
    "verlangert",
    "verlangern",
    "renovacao",
    "renova",
];

const DEPARTURE: &[&str] = &[
    "on the move",
    "new club",
    "new challenge",
    "leave",
    "leaving",
    "exit",
    "depart",
    "departure",
    "free agent",
    "for sale",
    "sell",
    "sale",
    "salida",
    "salir",
    "dejar",
    "depart",
    "quitter",
    "addio",
    "lasciare",
    "partenza",
    "cessione",
    "abgang",
    "verlassen",
    "saida",
    "deixar",
];

const LOAN: &[&str] = &[
    "loan",
    "loaned",
    "cedido",
    "cesion",
    "prestamo",
    "pret",
    "prete",
    "prestito",
    "leihe",
    "leihweise",
    "ausgeliehen",
    "leihgeschaft",
    "emprestimo",
    "emprestado",
];

const PERMANENT: &[&str] = &[
    "permanent",
    "permanently",
    "permanent move",
    "traspaso",
    "definitivo",
    "definitif",
    "a titolo definitivo",
    "em definitivo",
];

const BUY_OPTION: &[&str] = &[
    "buy option",
    "option to buy",
    "obligation to buy",
    "purchase option",
    "buy clause",
    "opcion de compra",
    "option d achat",
    "diritto di riscatto",
    "obbligo di riscatto",
    "kaufoption",
    "kaufpflicht",
    "opcao de compra",
];

const HEDGE: &[&str] = &[
    "could", "might", "possible", "maybe", "podria", "pourrait", "potrebbe", "konnte", "poderia",
];

/// Words that make what follows hypothetical ("if", "in case of").
/// "Seemed to have a verbal agreement" is a story that has changed.
const CONDITIONALS: &[&str] = &[
    "if", "case", "unless", "should", "si", "falls", "caso", "seemed",
];

/// Words that turn the phrase after them round ("no talks", "not agreed").
pub const NEGATORS: &[&str] = &[
    "no", "not", "never", "nor", "without", "t", "non", "pas", "ni", "nicht", "kein", "keine",
    "keinen", "nao", "sin", "nessuna", "nessun", "nunca", "jamais",
];

/// Every phrase with its cue, longest first so "verbal agreement" is seen
/// before "agreement".
pub fn phrases() -> &'static [(Vec<&'static str>, Cue)] {
    use std::sync::OnceLock;
    static ALL: OnceLock<Vec<(Vec<&'static str>, Cue)>> = OnceLock::new();
    ALL.get_or_init(|| {
        let lists: [(&[&str], Cue); 12] = [
            (DONE, Cue::Stage(Status::Done)),
            (AGREED, Cue::Stage(Status::Agreed)),
            (TALKS, Cue::Stage(Status::Talks)),
            (RUMOUR, Cue::Stage(Status::Rumour)),
            (OFF, Cue::Stage(Status::Off)),
            (NEAR, Cue::Near),
            (RENEWAL, Cue::Renewal),
            (DEPARTURE, Cue::Departure),
            (LOAN, Cue::Loan),
            (PERMANENT, Cue::Permanent),
            (BUY_OPTION, Cue::BuyOption),
            (HEDGE, Cue::Hedge),
        ];
        let mut all: Vec<(Vec<&str>, Cue)> = lists
            .iter()
            .flat_map(|(list, cue)| list.iter().map(|p| (p.split(' ').collect(), *cue)))
            .collect();
        all.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        all
    })
}

/// What a negation makes of a stage: "no agreement" is still talking,
/// "no talks" and "not interested" are off.
pub fn negated(stage: Status) -> Status {
    match stage {
        Status::Done => Status::Agreed,
        Status::Agreed => Status::Talks,
        _ => Status::Off,
    }
}

/// A phrase of the vocabulary found in the text.
#[derive(Debug, Clone)]
pub struct Hit {
    pub cue: Cue,
    /// The stage it says, negation applied.
    pub stage: Option<Status>,
    pub sentence: usize,
    /// The first word's index.
    pub start: usize,
    /// After the last word.
    pub end: usize,
    /// The words as found, with the negation ("no talks").
    pub text: String,
}

/// Words after "official" that make it something else ("official bid").
const NOT_OFFICIAL_AFTER: &[&str] = &[
    "signature",
    "unveiling",
    "confirmation",
    "bid",
    "bids",
    "proposal",
    "offer",
    "approach",
    "talks",
    "soon",
    "announcement",
    "statement",
    "documents",
    "steps",
    "contacts",
    "request",
    "presentation",
];

/// Words before "official" that put it in the future ("will be official").
const NOT_OFFICIAL_BEFORE: &[&str] = &[
    "until", "before", "then", "awaiting", "pending", "waiting", "await", "be", "become",
    "becomes", "being", "to", "once", "when",
];

/// Every phrase of the vocabulary in the text, longest first at each word.
/// A negation in the three words before turns a stage round; an "off"
/// after "after" tells another story's past ("after Manu deal collapsed").
pub fn scan(words: &super::words::Words) -> Vec<Hit> {
    let w = &words.words;
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let found = phrases().iter().find(|(p, _)| {
            i + p.len() <= w.len()
                && p.iter().zip(&w[i..]).all(|(a, b)| *a == b.folded)
                && w[i..i + p.len()]
                    .iter()
                    .all(|x| x.sentence == w[i].sentence)
        });
        let Some((p, cue)) = found else {
            i += 1;
            continue;
        };
        let end = i + p.len();
        let before: Vec<&str> = (i.saturating_sub(4)..i)
            .filter(|&j| w[j].sentence == w[i].sentence)
            .map(|j| w[j].folded.as_str())
            .collect();
        let near = &before[before.len().saturating_sub(3)..];
        let negator = near.iter().find(|b| NEGATORS.contains(b));
        let mut stage = match cue {
            Cue::Stage(s) => Some(*s),
            _ => None,
        };
        if stage == Some(Status::Done) && p == &["official"] && !official(w, i, end, &before) {
            stage = None;
        }
        let background = !matches!(cue, Cue::Loan | Cue::BuyOption | Cue::Permanent);
        if background && before.contains(&"after") {
            i = end; // background: "after Manu deal collapsed", "after his contract was extended"
            continue;
        }
        let mut text = p.join(" ");
        if let (Some(n), Some(s)) = (negator, stage) {
            // "has not agreed" refuses; "no agreement yet" is still talking.
            let refused = s == Status::Agreed && matches!(p[0], "agreed" | "agree");
            stage = Some(if refused { Status::Off } else { negated(s) });
            text = format!("{n} {text}");
        }
        if stage.is_some() && before.iter().any(|b| CONDITIONALS.contains(b)) {
            stage = Some(Status::Rumour); // "in case of a good proposal"
        }
        let negated_option = *cue == Cue::BuyOption && negator.is_some();
        if !(negated_option || matches!(cue, Cue::Stage(_)) && stage.is_none()) {
            out.push(Hit {
                cue: *cue,
                stage,
                sentence: w[i].sentence,
                start: i,
                end,
                text,
            });
        }
        i = end;
    }
    out
}

/// Whether "official" at `i` says the move is official now.
fn official(w: &[super::words::Word], i: usize, end: usize, before: &[&str]) -> bool {
    let next = w.get(end).filter(|n| n.sentence == w[i].sentence);
    !next.is_some_and(|n| NOT_OFFICIAL_AFTER.contains(&n.folded.as_str()))
        && !before
            .last()
            .is_some_and(|b| NOT_OFFICIAL_BEFORE.contains(b))
}
