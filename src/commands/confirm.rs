//! The notes and one-line confirmations several commands share: what a done
//! deal did, a merge, a removal, a picture written.

use super::context::{Context, Output};
use mercato::{Result, World};

/// What a done deal did, as notes for stderr: the contracts it ended and
/// signed, and the open rumours it rules out (never closed silently).
pub(super) fn settled_notes(world: &World, settled: &mercato::deal::Settled) -> Vec<String> {
    let player = world.player_name(&settled.player);
    let mut notes = vec![format!(
        "rumour {} is done on {}",
        settled.rumour, settled.date
    )];
    for (club, day) in &settled.ended {
        notes.push(format!(
            "{player}'s contract with {} ends on {day}",
            world.club_name(club)
        ));
    }
    if let Some(c) = &settled.signed {
        notes.push(format!(
            "{player} signs for {}{} from {} until {}",
            world.club_name(&c.club),
            if c.loan { " on loan" } else { "" },
            c.start
                .map_or("the end of his current contract".to_string(), |d| d
                    .to_string()),
            c.end_text()
        ));
    }
    for id in &settled.ruled_out {
        let what = world.summary(id).map_or(String::new(), |r| {
            let to =
                r.to.as_ref()
                    .map_or(String::new(), |c| format!(" to {}", world.club_name(c)));
            format!(" ({}{to}, {})", r.kind, r.status)
        });
        notes.push(format!(
            "rumour {id}{what} is still open though this move rules it out; close it with `mercato rumour update {id} --status off`"
        ));
    }
    notes
}

/// Writes an SVG picture (atomically) and says where.
pub(super) fn write_picture(path: &std::path::Path, svg: &str, out: &mut Output) -> Result<()> {
    mercato::store::atomic::write_atomic(path, svg.as_bytes())?;
    out.notes.push(format!("wrote {}", path.display()));
    Ok(())
}

/// The one-line confirmation of a merge (JSON: the merge in brief).
pub(super) fn merged(ctx: &Context, kind: &str, m: &mercato::correct::Merged) -> Output {
    ctx.show(m, || {
        let mut line = format!(
            "Merged {kind} {} ({}) into {} ({}): {} moved",
            m.removed_name,
            m.removed,
            m.kept_name,
            m.kept,
            m.moved_text()
        );
        if !m.new_aliases.is_empty() {
            line.push_str(&format!("; also known as {} now", m.new_aliases.join(", ")));
        }
        for u in &m.united {
            line.push_str(&format!("; rumour {} became one with {}", u.rumour, u.into));
        }
        line.push('\n');
        line
    })
}

/// The one-line confirmation of a removal (JSON: what was removed).
pub(super) fn removed(ctx: &Context, kind: &str, r: &mercato::correct::Removed) -> Output {
    ctx.show(r, || {
        let rumours = match r.rumours.len() {
            0 => String::new(),
            n => format!(
                " and {n} rumour{} about him ({})",
                if n == 1 { "" } else { "s" },
                r.rumours.join(", ")
            ),
        };
        format!("Removed {kind} {} ({}){rumours}\n", r.name, r.id)
    })
}
