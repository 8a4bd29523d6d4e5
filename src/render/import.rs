//! What an import did, as text.

use super::{Style, finish, table};
use crate::import::ClubMatch;

/// The clubs of the files taken for clubs already there, and why: a table
/// to check before the import is run for real (`--dry-run`).
pub fn matches(list: &[ClubMatch], style: Style) -> String {
    if list.is_empty() {
        return String::new();
    }
    let mut t = table(
        ["In the file", "Line", "Taken for", "Because of its"],
        style,
    );
    for m in list {
        t.add_row([
            m.name.clone(),
            format!("{}:{}", short_file(&m.file), m.line),
            format!("{} ({})", m.club, m.club_id),
            m.by.as_str().to_string(),
        ]);
    }
    format!(
        "\nClubs matched to clubs already there ({}):\n{}",
        list.len(),
        finish(&t)
    )
}

/// A file's name without its folders: the table stays narrow.
fn short_file(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}
