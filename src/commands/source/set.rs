//! `mercato source set`: the same as `source edit`, under the verb people
//! reach for to change a tier.

use super::edit::{ChangeArgs, apply};
use crate::commands::context::{Context, Output};
use clap::Args;
use mercato::Result;

/// Change a source's tier, country, aliases or name (the same as `source edit`).
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato source set "Spanish media" --tier 4
  mercato source set fichajes --tier 4 --alias fichajes.es"#)]
pub struct SetArgs {
    #[command(flatten)]
    pub change: ChangeArgs,
}

pub fn run(ctx: &Context, args: SetArgs) -> Result<Output> {
    apply(ctx, args.change)
}
