//! Drawing answers: pure functions from views to `String`. Nothing here
//! reads files, the clock or the terminal; the caller says how wide to draw.

pub mod conflicts;
pub mod delimited;
pub mod depth;
pub mod extract;
pub mod import;
pub mod pitch;
pub mod records;
pub mod rumours;
pub mod svg;
pub mod timeline;

use comfy_table::{
    Color, ColumnConstraint, ContentArrangement, LineStyle, Table, TableStyle, Width,
};
use serde::Serialize;

/// Pretty JSON with a trailing newline, for `--json`.
/// An error as `--json` prints it on stdout, for scripts: its kind (and the
/// rule it breaks, for a refused change), its message and its hint, so a
/// script can tell a duplicate from a date rule without reading prose.
pub fn error_json(e: &crate::Error) -> String {
    let rule = match e {
        crate::Error::Rule { rule, .. } => Some(rule.name()),
        _ => None,
    };
    json(&serde_json::json!({
        "error": {
            "kind": e.kind().name(),
            "rule": rule,
            "message": e.to_string(),
            "hint": e.hint(),
            "exit_code": e.exit_code(),
        }
    }))
}

pub fn json<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = serde_json::to_string_pretty(value).unwrap_or_else(|e| {
        // Views are plain data; serialization cannot fail, but never panic.
        format!("{{\"error\": \"{e}\"}}")
    });
    out.push('\n');
    out
}

/// No borders; one rule under the header.
const STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('─').junction('─'));

/// How to draw: the terminal's width (none when piped: never wrap) and
/// whether to use colour (decided by the CLI from --color, NO_COLOR and the terminal).
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    pub width: Option<u16>,
    pub color: bool,
}

/// The colour of a kind of news, when colour is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    Warn,
    Bad,
    Note,
}

impl Tone {
    fn color(self) -> Color {
        match self {
            Tone::Good => Color::Green,
            Tone::Warn => Color::Yellow,
            Tone::Bad => Color::Red,
            Tone::Note => Color::Cyan,
        }
    }

    fn ansi(self) -> &'static str {
        match self {
            Tone::Good => "32",
            Tone::Warn => "33",
            Tone::Bad => "31",
            Tone::Note => "36",
        }
    }
}

/// Text as it may reach a terminal: control characters (but the line
/// break) and invisible format characters (bidi overrides, zero-width
/// characters) are shown as escapes, `\u{1b}`, `\u{202e}`. A name planted
/// in a file with a terminal escape sequence or a right-to-left override
/// then prints as what it is, not as what it would make the screen show.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if !crate::text::has_hidden(text, true) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if (c.is_control() && c != '\n') || crate::text::is_format(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// All of a command's text output made [`visible`], except the colour codes
/// mercato writes itself when colour is on (`ESC [ digits ; m`): the last
/// guard, for text printed outside tables.
pub fn visible_output(text: &str, keep_colour: bool) -> std::borrow::Cow<'_, str> {
    if !keep_colour {
        return visible(text);
    }
    // Split at our colour codes; escape everything in between.
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\u{1b}') {
        out.push_str(&visible(&rest[..at]));
        let after = &rest[at + 1..];
        let code_len = after
            .strip_prefix('[')
            .and_then(|a| a.find('m').map(|m| (m, &a[..m])))
            .filter(|(_, inner)| inner.chars().all(|c| c.is_ascii_digit() || c == ';'))
            .map(|(m, _)| m + 2);
        match code_len {
            Some(len) => {
                out.push_str(&rest[at..at + 1 + len]);
                rest = &after[len..];
            }
            None => {
                out.push_str("\\u{1b}");
                rest = after;
            }
        }
    }
    out.push_str(&visible(rest));
    std::borrow::Cow::Owned(out)
}

/// A table cell, coloured when colour is on; hidden characters made [`visible`].
pub fn cell(text: impl ToString, tone: Option<Tone>, style: Style) -> Cell {
    Cell {
        text: visible(&text.to_string()).into_owned(),
        tone: tone.filter(|_| style.color),
    }
}

/// One cell of a [`Grid`]: its text and, when colour is on, its tone.
pub struct Cell {
    text: String,
    tone: Option<Tone>,
}

/// Plain text as a cell, as it is.
impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell { text, tone: None }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::from(text.to_string())
    }
}

/// A table being filled, drawn by [`finish`]: directly when piped (the
/// common case for long lists), else by comfy-table, which fits the
/// terminal and colours.
pub struct Grid {
    header: Vec<String>,
    rows: Vec<Vec<Cell>>,
    style: Style,
}

impl Grid {
    pub fn add_row<C: Into<Cell>>(&mut self, cells: impl IntoIterator<Item = C>) -> &mut Self {
        self.rows.push(cells.into_iter().map(Into::into).collect());
        self
    }

    /// The same table in comfy-table.
    fn to_comfy(&self) -> Table {
        let mut t = Table::new();
        t.load_style(STYLE).set_header(&self.header);
        if self.style.color {
            t.enforce_styling();
        }
        match self.style.width {
            Some(w) => {
                t.set_content_arrangement(ContentArrangement::Dynamic);
                t.set_width(w);
            }
            None => {
                // Piped or captured output: never wrap, whatever the terminal is.
                t.force_no_tty();
                t.set_content_arrangement(ContentArrangement::Disabled);
            }
        }
        for row in &self.rows {
            t.add_row(row.iter().map(|c| {
                let cell = comfy_table::Cell::new(&c.text);
                match c.tone {
                    Some(tone) => cell.fg(tone.color()),
                    None => cell,
                }
            }));
        }
        t
    }
}

/// Text outside tables, coloured when colour is on.
pub fn paint(text: &str, tone: Option<Tone>, style: Style) -> String {
    let text = visible(text);
    match tone {
        Some(tone) if style.color => format!("\x1b[{}m{text}\x1b[0m", tone.ansi()),
        _ => text.into_owned(),
    }
}

/// A table in mercato's style: a header underlined, no other rules, so
/// output stays readable in a terminal and easy to grep.
pub fn table<const N: usize>(header: [&str; N], style: Style) -> Grid {
    Grid {
        header: header.iter().map(|h| h.to_string()).collect(),
        rows: Vec::new(),
        style,
    }
}

/// A table as text, each line right-trimmed (comfy-table pads cells), with a trailing newline.
/// Fitted to the terminal's width when there is one (see [`fitted`]).
pub fn finish(grid: &Grid) -> String {
    plain(grid).unwrap_or_else(|| drawn(&grid.to_comfy()))
}

/// [`finish`] by comfy-table's layout engine.
fn drawn(table: &Table) -> String {
    let fitted = table.width().map(|_| fitted(table));
    let mut out: String = fitted
        .as_ref()
        .unwrap_or(table)
        .lines()
        .map(|l| l.trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n");
    out.push('\n');
    out
}

/// The table as comfy-table draws it piped and uncoloured (no wrapping, one
/// space of padding, the header underlined), drawn directly: comfy-table's
/// layout engine takes tens of milliseconds over the 10,000 rows of a
/// league's expiring contracts, this a few. `None` when the table needs the
/// engine: a width to fit, colour, or a cell of several lines. (A test
/// holds the two to the same bytes.)
fn plain(grid: &Grid) -> Option<String> {
    use unicode_width::UnicodeWidthStr;
    if grid.style.width.is_some() || grid.style.color {
        return None;
    }
    let columns = grid
        .rows
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
        .max(grid.header.len());
    let header = grid.header.iter().map(String::as_str);
    let rows = grid.rows.iter().map(|r| r.iter().map(|c| c.text.as_str()));
    let mut widths = vec![1; columns];
    for (n, text) in grid.header.iter().map(String::as_str).enumerate() {
        widths[n] = widths[n].max(text.width());
    }
    for row in rows.clone() {
        for (n, text) in row.enumerate() {
            if text.contains('\n') {
                return None;
            }
            widths[n] = widths[n].max(text.width());
        }
    }
    let mut out = String::new();
    let mut line = String::new();
    let mut draw = |cells: &mut dyn Iterator<Item = &str>, out: &mut String| {
        line.clear();
        for (i, width) in widths.iter().enumerate() {
            let cell = cells.next().unwrap_or("");
            // Columns are parted by one blank (the style's vertical line).
            line.push_str(if i == 0 { " " } else { "  " });
            line.push_str(cell);
            line.extend(std::iter::repeat_n(' ', width - cell.width() + 1));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    };
    draw(&mut header.into_iter(), &mut out);
    let total: usize = widths.iter().map(|w| w + 3).sum::<usize>() - 1;
    out.extend(std::iter::repeat_n('─', total));
    out.push('\n');
    for mut row in rows {
        draw(&mut row, &mut out);
    }
    Some(out)
}

/// Columns a narrow terminal can do without, the most dispensable first:
/// remarks, then secondary facts. A table drops them, in this order, until
/// what is left fits; the columns that say what a row is (ids, names,
/// dates that answer the question) are never dropped.
const DROPPABLE: [&str; 14] = [
    "Note",
    "Also known as",
    "Signed from",
    "Open rumours",
    "Flags",
    "Country",
    "Born",
    "Sources",
    "Hit rate",
    "Loan",
    "Signed",
    "From",
    "Stance",
    "Last report",
];

/// The narrowest a column of text may get: its longest word (so it wraps
/// between words), but no more than this.
const MIN_TEXT_WIDTH: usize = 16;

/// A table that fits the terminal without breaking what cannot be read
/// broken. An id, a date, a number or a fee cannot be copied or read once
/// split across lines, so a column made only of single words keeps its
/// width, and a column of text is never narrower than the longest word with
/// a digit in it ("2026-06-15 (left early)" wraps after the date) nor than
/// its longest other word up to [`MIN_TEXT_WIDTH`]. If that is still too
/// wide, the [`DROPPABLE`] columns go, in order; if it is still too wide,
/// the line overflows: better a long line than a broken id.
fn fitted(table: &Table) -> Table {
    let mut table = table.clone();
    let Some(width) = table.width().map(usize::from) else {
        return table;
    };
    let header: Vec<String> = table
        .header()
        .map(|h| h.cell_iter().map(|c| c.content()).collect())
        .unwrap_or_default();
    // A table that fits as it is is left as it is.
    let natural: usize = (0..table.column_count())
        .map(|index| {
            let widest = table
                .column_cells_iter(index)
                .flatten()
                .map(|c| c.content())
                .chain(header.get(index).cloned())
                .flat_map(|c| c.lines().map(|l| l.chars().count()).collect::<Vec<_>>())
                .max()
                .unwrap_or(0);
            widest + 3
        })
        .sum();
    if natural <= width {
        return table;
    }
    let mut needs: Vec<(usize, ColumnConstraint)> = Vec::new();
    for index in 0..table.column_count() {
        let cells: Vec<String> = table
            .column_cells_iter(index)
            .flatten()
            .map(|c| c.content())
            .collect();
        let longest = |keep: &dyn Fn(&str) -> bool| {
            cells
                .iter()
                .flat_map(|c| c.split_whitespace())
                .filter(|w| keep(w))
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0)
        };
        let single_words = cells
            .iter()
            .all(|c| !c.trim().contains(char::is_whitespace));
        if single_words {
            let title = header.get(index).map_or(0, |h| {
                h.split_whitespace()
                    .map(|w| w.chars().count())
                    .max()
                    .unwrap_or(0)
            });
            let content = longest(&|_| true).max(title);
            // comfy-table's widths include the padding on either side.
            let width = u16::try_from(content + 2).unwrap_or(u16::MAX);
            needs.push((content, ColumnConstraint::Absolute(Width::Fixed(width))));
        } else {
            let digits = longest(&|w| w.contains(|c: char| c.is_ascii_digit()));
            let words = longest(&|_| true).min(MIN_TEXT_WIDTH);
            let least = digits.max(words).max(1);
            let width = u16::try_from(least + 2).unwrap_or(u16::MAX);
            needs.push((least, ColumnConstraint::LowerBoundary(Width::Fixed(width))));
        }
    }
    // Each column is padded by a space on either side, plus a separator.
    let total = |shown: &[bool]| -> usize {
        needs
            .iter()
            .zip(shown)
            .filter(|(_, s)| **s)
            .map(|((w, _), _)| w + 3)
            .sum()
    };
    let mut shown = vec![true; needs.len()];
    for name in DROPPABLE {
        if total(&shown) <= width {
            break;
        }
        if let Some(index) = header.iter().position(|h| h == name) {
            shown[index] = false;
        }
    }
    for (index, ((_, constraint), show)) in needs.into_iter().zip(shown).enumerate() {
        if let Some(column) = table.column_mut(index) {
            column.set_constraint(if show {
                constraint
            } else {
                ColumnConstraint::Hidden
            });
        }
    }
    table
}

/// An optional value for a table cell.
pub fn or_dash<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(|| "-".to_string(), |v| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The direct drawing is comfy-table's, byte for byte: accents,
        /// wide characters, blanks, empty, missing and extra cells.
        #[test]
        fn a_plain_table_is_drawn_as_comfy_table_draws_it(
            header in proptest::collection::vec("[a-zé漢 ]{0,6}", 1..5),
            rows in proptest::collection::vec(
                proptest::collection::vec("[ a-zA-Zé→漢😀-]{0,9}", 0..6), 0..6),
        ) {
            let mut t = Grid { header, rows: Vec::new(), style: Style::default() };
            for row in rows {
                t.add_row(row);
            }
            proptest::prop_assert_eq!(plain(&t), Some(drawn(&t.to_comfy())));
        }
    }

    #[test]
    fn tables_that_need_the_engine_are_left_to_it() {
        let mut t = table(
            ["A", "B"],
            Style {
                width: Some(40),
                color: false,
            },
        );
        t.add_row(["x", "y"]);
        assert_eq!(plain(&t), None);
        let mut t = table(
            ["A", "B"],
            Style {
                width: None,
                color: true,
            },
        );
        t.add_row(["x", "y"]);
        assert_eq!(plain(&t), None);
        let mut t = table(["A", "B"], Style::default());
        t.add_row(["two\nlines", "y"]);
        assert_eq!(plain(&t), None);
        assert_eq!(finish(&t), drawn(&t.to_comfy()));
    }

    #[test]
    fn hidden_characters_are_shown_as_escapes_but_our_colours_stay() {
        assert_eq!(visible("Konaté"), "Konaté");
        assert_eq!(
            visible("a\u{1b}[2Jb\u{202e}c\nd"),
            "a\\u{1b}[2Jb\\u{202e}c\nd"
        );
        let ours = paint(
            "Alaba",
            Some(Tone::Bad),
            Style {
                width: None,
                color: true,
            },
        );
        assert_eq!(visible_output(&ours, true), ours);
        assert_eq!(
            visible_output("x\u{1b}]0;pwned\u{7}", true),
            "x\\u{1b}]0;pwned\\u{7}"
        );
        assert_eq!(visible_output(&ours, false), "\\u{1b}[31mAlaba\\u{1b}[0m");
    }
}
