//! Merge conflicts as text: the `conflicts` table, what `resolve` did, and
//! the block `show` commands print under a conflicted record.

use super::{Style, Tone, cell, finish, table};
use crate::conflicts::{OpenConflict, Resolved};
use crate::model::conflict::{Conflicts, RECORD, describe};
use std::fmt::Write;

/// `mercato conflicts`.
pub fn list(open: &[OpenConflict], style: Style) -> String {
    if open.is_empty() {
        return "No conflicts.\n".to_string();
    }
    let mut t = table(
        [
            "File",
            "Record",
            "Name",
            "Field",
            "Ours (shown)",
            "Theirs",
            "Base",
        ],
        style,
    );
    for c in open {
        t.add_row([
            cell(&c.file, None, style),
            cell(format!("{} {}", c.kind, c.record), None, style),
            cell(&c.name, None, style),
            cell(&c.field, Some(Tone::Warn), style),
            cell(describe(&c.field, c.ours.as_ref()), None, style),
            cell(describe(&c.field, c.theirs.as_ref()), None, style),
            cell(describe(&c.field, c.base.as_ref()), None, style),
        ]);
    }
    let mut out = finish(&t);
    let _ = writeln!(
        out,
        "\nChoose with `mercato resolve RECORD FIELD --take ours|theirs`, or set the field with an edit command."
    );
    out
}

/// What `mercato resolve` did, in one line.
pub fn resolved(done: &Resolved) -> String {
    let what = format!("{} {} ({})", done.kind, done.record, done.name);
    if done.removed {
        format!("{what}: removed, as the side you took had removed it\n")
    } else if done.field == RECORD {
        format!("{what}: kept, with the other side's changes\n")
    } else {
        format!(
            "{what}: {} is now {}\n",
            done.field,
            describe(&done.field, done.value.as_ref())
        )
    }
}

/// The lines a `show` command prints under a record with open conflicts;
/// empty when it has none.
pub fn block(id: &str, conflicts: &Conflicts) -> String {
    let mut out = String::new();
    for (field, c) in &conflicts.0 {
        let label = if field == RECORD {
            "record: changed here, removed on the other side".to_string()
        } else {
            format!(
                "{field}: shown {}, theirs {}, base {}",
                describe(field, c.ours.as_ref()),
                describe(field, c.theirs.as_ref()),
                describe(field, c.base.as_ref())
            )
        };
        let label = if field == RECORD && c.ours.is_none() {
            "record: removed here, changed on the other side".to_string()
        } else {
            label
        };
        let _ = writeln!(out, "  CONFLICT  {label}");
    }
    if !out.is_empty() {
        let field = match conflicts.0.keys().collect::<Vec<_>>().as_slice() {
            [one] => one.as_str(),
            _ => "FIELD",
        };
        let _ = writeln!(
            out,
            "            choose: mercato resolve {id} {field} --take ours|theirs"
        );
    }
    out
}
