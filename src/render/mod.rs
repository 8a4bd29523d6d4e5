//! Drawing answers: pure functions from views to `String`. Nothing here
//! reads files, the clock or the terminal; the caller says how wide to draw.

pub mod delimited;
pub mod depth;
pub mod pitch;
pub mod records;
pub mod rumours;
pub mod svg;
pub mod timeline;

use comfy_table::{Cell, Color, ContentArrangement, LineStyle, Table, TableStyle};
use serde::Serialize;

/// Pretty JSON with a trailing newline, for `--json`.
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

/// A table cell, coloured when colour is on.
pub fn cell(text: impl ToString, tone: Option<Tone>, style: Style) -> Cell {
    let cell = Cell::new(text.to_string());
    match tone {
        Some(tone) if style.color => cell.fg(tone.color()),
        _ => cell,
    }
}

/// Text outside tables, coloured when colour is on.
pub fn paint(text: &str, tone: Option<Tone>, style: Style) -> String {
    match tone {
        Some(tone) if style.color => format!("\x1b[{}m{text}\x1b[0m", tone.ansi()),
        _ => text.to_string(),
    }
}

/// A table in mercato's style: a header underlined, no other rules, so
/// output stays readable in a terminal and easy to grep.
pub fn table<const N: usize>(header: [&str; N], style: Style) -> Table {
    let mut t = Table::new();
    t.load_style(STYLE).set_header(header);
    if style.color {
        t.enforce_styling();
    }
    match style.width {
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
    t
}

/// A table as text, each line right-trimmed (comfy-table pads cells), with a trailing newline.
pub fn finish(table: &Table) -> String {
    let mut out: String = table
        .lines()
        .map(|l| l.trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n");
    out.push('\n');
    out
}

/// An optional value for a table cell.
pub fn or_dash<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(|| "-".to_string(), |v| v.to_string())
}
