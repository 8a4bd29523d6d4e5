//! `mercato man [--out DIR]`: the man pages, rendered from the clap definition.

use clap::Args;
use std::path::{Path, PathBuf};

/// Print the man page (roff) on stdout, or write one page per command (--out DIR).
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato man > mercato.1 && man ./mercato.1
  mercato man --out ~/.local/share/man/man1 && man mercato-rumour-add"#)]
pub struct ManArgs {
    /// Write one page per command into this directory (mercato.1, mercato-rumour-add.1, ...)
    /// instead of printing the top-level page.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// What to print on stdout (the top page, or where the pages went), or the
/// error to print on stderr; `app` is the command line (given by the caller,
/// which parses it).
pub fn run(args: &ManArgs, app: clap::Command) -> Result<String, String> {
    let pages = man_pages(app).map_err(|e| format!("cannot render the man pages: {e}"))?;
    let Some(dir) = &args.out else {
        let top = pages.first().map_or("", |(_, roff)| roff.as_str());
        return Ok(top.to_string());
    };
    write_man_pages(dir, &pages)
        .map_err(|e| format!("cannot write the man pages to {}: {e}", dir.display()))?;
    let s = if pages.len() == 1 { "" } else { "s" };
    Ok(format!(
        "Wrote {} man page{s} to {}\n",
        pages.len(),
        dir.display()
    ))
}

/// Writes the man pages into `dir`, creating it.
fn write_man_pages(dir: &Path, pages: &[(String, String)]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, roff) in pages {
        std::fs::write(dir.join(name), roff)?;
    }
    Ok(())
}

/// The man pages as (file name, roff): `mercato.1` first, then one per command
/// (`mercato-rumour-add.1`...), each with its examples.
fn man_pages(app: clap::Command) -> std::io::Result<Vec<(String, String)>> {
    fn render(cmd: &clap::Command, pages: &mut Vec<(String, String)>) -> std::io::Result<()> {
        let man = clap_mangen::Man::new(cmd.clone());
        let mut roff = Vec::new();
        man.render(&mut roff)?;
        let roff = examples_one_per_line(&String::from_utf8_lossy(&roff));
        pages.push((man.get_filename(), roff));
        for sub in cmd.get_subcommands().filter(|sub| !sub.is_hide_set()) {
            render(sub, pages)?;
        }
        Ok(())
    }
    let mut cmd = app.disable_help_subcommand(true);
    cmd.build();
    let mut pages = Vec::new();
    render(&cmd, &mut pages)?;
    Ok(pages)
}

/// clap_mangen puts the text after the help in a section called EXTRA, filled and
/// justified like prose, which runs the example lines together. This calls it
/// EXAMPLES and sets its indented lines (the commands) one per line, unfilled.
fn examples_one_per_line(page: &str) -> String {
    const EXTRA: &str = ".SH EXTRA\n";
    let Some(start) = page.find(EXTRA) else {
        return page.to_string();
    };
    let body = start + EXTRA.len();
    let end = page[body..]
        .find("\n.SH ")
        .map_or(page.len(), |at| body + at + 1);
    let mut out = format!("{}.SH EXAMPLES\n", &page[..start]);
    let mut unfilled = false;
    for line in page[body..end].lines().filter(|line| *line != "Examples:") {
        let indented = line.starts_with(' ');
        if indented != unfilled {
            out.push_str(if indented { ".nf\n" } else { ".fi\n" });
            unfilled = indented;
        }
        out.push_str(line);
        out.push('\n');
    }
    if unfilled {
        out.push_str(".fi\n");
    }
    out.push_str(&page[end..]);
    out
}
