//! The importer run that `import transfermarkt` and `import wyscout` share:
//! on a copy for a dry run, with a progress bar, then counts and bad rows.

use crate::commands::context::{Context, Output};
use mercato::import::{ImportReport, Progress};
use mercato::{Result, World};
use std::mem::ManuallyDrop;

/// Runs an importer (on a copy, for a dry run), with a progress bar on a
/// terminal, and reports counts and bad rows.
pub(super) fn import_rows(
    ctx: &Context,
    dry_run: bool,
    import: impl FnOnce(&mut World, Progress) -> Result<ImportReport>,
) -> Result<Output> {
    use std::io::IsTerminal;
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_message("rows read");
        bar
    });
    let progress = |rows: u64| {
        if let Some(bar) = &bar
            && rows.is_multiple_of(256)
        {
            bar.set_position(rows);
        }
    };
    let report = if dry_run {
        // The whole world, not one cut to the as-of date: this is a write
        // rehearsed on a copy.
        let mut world = ManuallyDrop::new(ctx.store()?.read_index(|_, _| Ok(()))?.0);
        import(&mut world, &progress)?
    } else {
        ctx.write(|_, w| import(w, &progress))?.1
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(report_output(ctx, dry_run, &report))
}

/// The counts and matches, with notes on the rows skipped or imported in part.
fn report_output(ctx: &Context, dry_run: bool, report: &ImportReport) -> Output {
    let mut out = ctx.show(report, || {
        format!(
            "{}{}\n{}",
            if dry_run {
                "dry run, nothing written: "
            } else {
                ""
            },
            mercato::import::transfermarkt::summary(report),
            mercato::render::import::matches(&report.matches, ctx.style)
        )
    });
    for p in report.problems.iter().take(20) {
        out.notes
            .push(format!("skipped {}:{}: {}", p.file, p.line, p.message));
    }
    if !report.warnings.is_empty() {
        out.notes.push(format!(
            "{} imported in part, e.g. {}:{}: {}",
            mercato::english::count(report.warnings.len(), "row"),
            report.warnings[0].file,
            report.warnings[0].line,
            report.warnings[0].message
        ));
    }
    if report.problems.len() > 20 {
        out.notes.push(format!(
            "... and {} more skipped rows (see --json)",
            report.problems.len() - 20
        ));
    }
    out
}
