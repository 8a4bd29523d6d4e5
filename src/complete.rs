//! Names for shell completion: what a user may be typing, from the world.
//!
//! The shell hands over a partial word ("kon"); the candidates are the names
//! it could be the start of, matched as lookups are (accent- and
//! case-insensitively, at the start of any word of the name or alias), so
//! "kon" offers "Ibrahima Konaté" and "los" offers "Real Madrid" by its
//! alias. What the command line expects at that point (a player, a club...)
//! is the CLI's business; this module only knows the world.

use crate::names::fold;
use crate::world::World;

/// What kind of name is expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    Player,
    Club,
    Source,
    League,
    /// Rumour ids, then the names of players with rumours.
    Rumour,
}

/// Whether `partial` (folded) starts the folded name or one of its words.
fn starts(name: &str, partial: &str) -> bool {
    let folded = fold(name);
    partial.is_empty()
        || folded.starts_with(partial)
        || folded.split(' ').any(|w| w.starts_with(partial))
}

/// The names of `kind` that `partial` could be the start of, sorted, each
/// once. A record found by an alias is offered by its name.
pub fn names(world: &World, kind: NameKind, partial: &str) -> Vec<String> {
    let wanted = fold(partial);
    let hit = |name: &str, aliases: &[String]| {
        starts(name, &wanted) || aliases.iter().any(|a| starts(a, &wanted))
    };
    let mut out: Vec<String> = match kind {
        NameKind::Player => world
            .players
            .values()
            .filter(|p| hit(&p.name, &p.aliases))
            .map(|p| p.name.clone())
            .collect(),
        NameKind::Club => world
            .clubs
            .values()
            .filter(|c| hit(&c.name, &c.aliases))
            .map(|c| c.name.clone())
            .collect(),
        NameKind::Source => world
            .sources
            .values()
            .filter(|s| hit(&s.name, &s.aliases))
            .map(|s| s.name.clone())
            .collect(),
        NameKind::League => world
            .clubs
            .values()
            .filter_map(|c| c.league.clone())
            .filter(|l| starts(l, &wanted))
            .collect(),
        NameKind::Rumour => {
            let ids = world
                .summaries()
                .map(|s| s.id.to_string())
                .filter(|id| id.starts_with(partial));
            let mut ids: Vec<String> = ids.collect();
            ids.sort();
            let mut players: Vec<String> = world
                .summaries()
                .filter_map(|s| world.players.get(&s.player))
                .filter(|p| hit(&p.name, &p.aliases))
                .map(|p| p.name.clone())
                .collect();
            players.sort();
            players.dedup();
            ids.extend(players);
            return ids;
        }
    };
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{self, NewClub, NewPlayer};
    use crate::model::Position;
    use chrono::NaiveDate;

    fn world() -> World {
        let mut w = World::default();
        let day = NaiveDate::from_ymd_opt(2025, 10, 20).unwrap();
        edit::add_club(
            &mut w,
            NewClub {
                name: "Real Madrid".into(),
                aliases: vec!["Los Blancos".into()],
                ..Default::default()
            },
        )
        .unwrap();
        for (name, born) in [
            ("Ibrahima Konaté", "1999-05-25"),
            ("Dean Huijsen", "2005-04-14"),
        ] {
            edit::add_player(
                &mut w,
                NewPlayer {
                    name: name.into(),
                    born: born.parse().unwrap(),
                    position: Position::CB,
                    also: Vec::new(),
                    nationality: None,
                    caps: None,
                    foot: None,
                    market_value: None,
                    notes: None,
                    contract: None,
                },
                day,
            )
            .unwrap();
        }
        w
    }

    #[test]
    fn a_partial_word_offers_the_names_it_starts() {
        let w = world();
        assert_eq!(names(&w, NameKind::Player, "kon"), ["Ibrahima Konaté"]);
        assert_eq!(names(&w, NameKind::Player, "KONATÉ"), ["Ibrahima Konaté"]);
        assert_eq!(names(&w, NameKind::Player, "").len(), 2);
        assert!(names(&w, NameKind::Player, "xyz").is_empty());
        assert_eq!(names(&w, NameKind::Club, "los"), ["Real Madrid"]);
    }
}
