//! What must not reach a terminal raw, and how input is echoed safely: the
//! one place both the checks on typed text (`text`) and the error messages
//! (`error`) look, so that neither of those depends on the other for it.

/// The most characters of bad input an error echoes: as long as the
/// longest name accepted (`text::MAX_NAME`), so a name is echoed whole.
pub const ECHO_MAX: usize = 200;

/// Whether `c` is a Unicode format character (general category Cf): the
/// bidi controls that reorder what a terminal shows (U+202A–U+202E,
/// U+2066–U+2069), zero-width spaces and joiners, the byte-order mark,
/// invisible operators, tags. Invisible, they make a name print as
/// something other than what is stored. The table is Unicode 15's Cf.
pub fn is_format(c: char) -> bool {
    matches!(
        c as u32,
        0x00AD
            | 0x0600..=0x0605
            | 0x061C
            | 0x06DD
            | 0x070F
            | 0x0890..=0x0891
            | 0x08E2
            | 0x180E
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0001
            | 0xE0020..=0xE007F
    )
}

/// Whether a text holds a character that must not reach a terminal raw:
/// a control character (ESC starts a terminal escape sequence) or a format one.
pub fn has_hidden(text: &str, allow_newline: bool) -> bool {
    // Most text is ASCII, where only the control characters are hidden:
    // every cell of a 10,000-row table passes through here.
    text.chars().any(|c| {
        if c.is_ascii() {
            c.is_ascii_control() && !(allow_newline && c == '\n')
        } else {
            c.is_control() || is_format(c)
        }
    })
}

/// Bad input as an error echoes it: at most [`ECHO_MAX`] characters,
/// control and format characters escaped, so a 100 KB paste or a newline
/// cannot flood or forge the terminal.
pub fn shown(value: &str) -> String {
    let mut out: String = value
        .chars()
        .take(ECHO_MAX)
        .map(|c| {
            if c.is_control() || is_format(c) {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect();
    let more = value.chars().count().saturating_sub(ECHO_MAX);
    if more > 0 {
        out.push_str(&format!("… ({more} more characters)"));
    }
    out
}
