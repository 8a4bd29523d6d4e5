//! `mercato check`: every problem in a data directory, each with its file.

use crate::error::Error;
use crate::model::{MoveKind, source::TIERS};
use crate::store::Store;
use crate::world::{FileKey, World, shard_of};
use chrono::NaiveDate;
use serde::Serialize;

/// One problem, located.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub file: String,
    pub message: String,
}

/// Reads the whole directory and lists every problem found, in file order.
pub fn check(store: &Store, as_of: NaiveDate) -> Vec<Problem> {
    let (world, load_problems) = store.load_lenient();
    let mut problems: Vec<Problem> = load_problems
        .iter()
        .map(|e| match e {
            Error::Parse {
                path,
                line,
                column,
                message,
            } => Problem {
                file: path.display().to_string(),
                message: format!(
                    "cannot be read at line {line}, column {column}: {}",
                    crate::error::without_position(message, *line, *column)
                ),
            },
            Error::NewerFormat { path, .. } | Error::Io { path, .. } => Problem {
                file: path.display().to_string(),
                message: e
                    .to_string()
                    .replacen(&format!("{}: ", path.display()), "", 1),
            },
            _ => Problem {
                file: store.dir().display().to_string(),
                message: e.to_string(),
            },
        })
        .collect();
    // A file that cannot be read leaves its records out of the world: every
    // reference to them would be reported as unknown, once per reference,
    // burying the one problem that matters. Those are left out.
    let unread = |name: &str| {
        load_problems.iter().any(|e| match e {
            Error::Parse { path, .. }
            | Error::NewerFormat { path, .. }
            | Error::Io { path, .. } => path.to_string_lossy().replace('\\', "/").contains(name),
            _ => false,
        })
    };
    let (clubs, sources, players) = (
        unread("clubs.json"),
        unread("sources.json"),
        unread("players/"),
    );
    problems.extend(check_world(store, &world, as_of).into_iter().filter(|p| {
        !(clubs && p.message.contains("unknown club")
            || sources && p.message.contains("unknown source")
            || players && p.message.contains("unknown player"))
    }));
    problems.sort_by(|a, b| a.file.cmp(&b.file));
    problems
}

/// The problems of references and dates in a loaded world.
pub fn check_world(store: &Store, world: &World, as_of: NaiveDate) -> Vec<Problem> {
    let mut problems = Vec::new();
    for c in crate::conflicts::list(world) {
        use crate::model::conflict::{RECORD, describe};
        let what = if c.field == RECORD {
            "removed on one side of a merge and changed on the other".to_string()
        } else {
            format!(
                "conflict on {}: ours {} (shown), theirs {}, base {}",
                c.field,
                describe(&c.field, c.ours.as_ref()),
                describe(&c.field, c.theirs.as_ref()),
                describe(&c.field, c.base.as_ref())
            )
        };
        problems.push(Problem {
            file: store.dir().join(&c.file).display().to_string(),
            message: format!(
                "{} '{}' ({}): {what}; choose with `mercato resolve {} {} --take ours|theirs`",
                c.kind, c.record, c.name, c.record, c.field
            ),
        });
    }
    let file = |key: FileKey| store.path_of(&key).display().to_string();
    let mut report = |key: FileKey, message: String| {
        problems.push(Problem {
            file: file(key),
            message,
        });
    };
    for club in world.clubs.values() {
        if let Err(e) = crate::text::name("name", &club.name) {
            report(FileKey::Clubs, format!("club '{}': {e}", club.id));
        }
        for (slot, order) in &club.depth {
            for id in order.iter().filter(|id| !world.players.contains_key(*id)) {
                report(
                    FileKey::Clubs,
                    format!(
                        "club '{}': {slot} order names unknown player '{id}'",
                        club.id
                    ),
                );
            }
        }
    }
    for source in world.sources.values() {
        if let Err(e) = crate::text::name("name", &source.name) {
            report(FileKey::Sources, format!("source '{}': {e}", source.id));
        }
        if let Some(tier) = source.tier.filter(|t| !TIERS.contains(t)) {
            report(
                FileKey::Sources,
                format!("source '{}': tier {tier} is not between 1 and 5", source.id),
            );
        }
    }
    for player in world.players.values() {
        let key = || FileKey::Players(shard_of(&player.id));
        let who = format!("player '{}'", player.id);
        if let Err(e) = crate::text::name("name", &player.name) {
            report(key(), format!("{who}: {e}"));
        }
        if let Some(Err(e)) = player
            .notes
            .as_deref()
            .map(|n| crate::text::note("notes", n))
        {
            report(key(), format!("{who}: {e}"));
        }
        if let Some(born) = player.born.filter(|b| *b > as_of) {
            report(key(), format!("{who}: born {born}, after {as_of}"));
        }
        for c in &player.contracts {
            for club in std::iter::once(&c.club).chain(&c.signed_from) {
                if !world.clubs.contains_key(club) {
                    report(
                        key(),
                        format!("{who}: contract names unknown club '{club}'"),
                    );
                }
            }
            if let Some(problem) = c.problem(player.born) {
                report(key(), format!("{who}: {problem}"));
            }
        }
    }
    for rumour in world.rumours.values() {
        let key = || FileKey::Rumours(shard_of(&rumour.player));
        let what = format!("rumour '{}'", rumour.id);
        if !world.players.contains_key(&rumour.player) {
            report(key(), format!("{what}: unknown player '{}'", rumour.player));
        }
        for club in rumour.from.iter().chain(&rumour.to) {
            if !world.clubs.contains_key(club) {
                report(key(), format!("{what}: unknown club '{club}'"));
            }
        }
        let shape_ok = match rumour.kind {
            MoveKind::Transfer => rumour.to.is_some() && rumour.to != rumour.from,
            MoveKind::Renewal => rumour.to.is_some() && rumour.to == rumour.from,
            MoveKind::Departure => rumour.to.is_none() && rumour.from.is_some(),
        };
        if !shape_ok {
            report(
                key(),
                format!(
                    "{what}: a {} must have {}",
                    rumour.kind,
                    match rumour.kind {
                        MoveKind::Transfer => "a destination other than the club it is from",
                        MoveKind::Renewal => "the same club as 'from' and 'to'",
                        MoveKind::Departure => "a 'from' club and no 'to'",
                    }
                ),
            );
        }
        if rumour.reports.is_empty() {
            report(key(), format!("{what}: has no reports"));
        }
        for r in &rumour.reports {
            if let Some(Err(e)) = r.note.as_deref().map(|n| crate::text::note("note", n)) {
                report(key(), format!("{what}: {e}"));
            }
            if !world.sources.contains_key(&r.source) {
                report(
                    key(),
                    format!("{what}: report names unknown source '{}'", r.source),
                );
            }
        }
        if rumour.reports.windows(2).any(|w| w[0].date > w[1].date) {
            report(key(), format!("{what}: reports are not in date order"));
        }
        if let Some(last) = rumour.history.last()
            && last.status != rumour.status
        {
            report(
                key(),
                format!(
                    "{what}: status is '{}' but its history ends with '{}'",
                    rumour.status, last.status
                ),
            );
        }
    }
    problems
}
