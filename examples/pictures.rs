//! Renders the three pictures of the shipped data to `docs/` (SVG and PNG),
//! with the project's own renderers and resvg:
//!
//! ```sh
//! cargo run --example pictures
//! ```

use mercato::query::{depth, timeline};
use mercato::render::{self, Style};

const AS_OF: &str = "2025-10-20";

fn png(svg: &str, path: &str) {
    let mut options = resvg::usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    let tree = resvg::usvg::Tree::from_str(svg, &options).expect("valid SVG");
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).expect("a size");
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    pixmap.save_png(path).expect("write PNG");
    println!("wrote {path}");
}

/// The terminal view as a picture: the coloured output (ANSI escapes) as
/// monospace text on a dark terminal.
fn terminal_svg(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let visible = |l: &str| {
        let mut n = 0;
        let mut in_escape = false;
        for c in l.chars() {
            match (in_escape, c) {
                (false, '\u{1b}') => in_escape = true,
                (true, 'm') => in_escape = false,
                (true, _) => {}
                (false, _) => n += 1,
            }
        }
        n
    };
    let width = lines.iter().map(|l| visible(l)).max().unwrap_or(0) as f64 * 8.45 + 40.0;
    let height = lines.len() as f64 * 18.0 + 40.0;
    let mut svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}"><rect width="100%" height="100%" rx="8" fill="#1e1e1e"/>"##
    );
    for (i, line) in lines.iter().enumerate() {
        svg.push_str(&format!(
            r##"<text x="20" y="{}" font-family="DejaVu Sans Mono, monospace" font-size="14" fill="#e0e0e0" xml:space="preserve">"##,
            30.0 + i as f64 * 18.0
        ));
        let mut colour: Option<&str> = None;
        for (n, part) in line.split('\u{1b}').enumerate() {
            let text = if n == 0 {
                part
            } else {
                let (code, rest) = part.split_once('m').unwrap_or(("", part));
                colour = match code {
                    "[31" => Some("#ef5350"),
                    "[33" => Some("#ffca28"),
                    "[32" => Some("#66bb6a"),
                    "[36" => Some("#4fc3f7"),
                    _ => None,
                };
                rest
            };
            match colour {
                Some(c) => svg.push_str(&format!(
                    r##"<tspan fill="{c}">{}</tspan>"##,
                    render::svg::escape(text)
                )),
                None => svg.push_str(&render::svg::escape(text)),
            }
        }
        svg.push_str("</text>");
    }
    svg.push_str("</svg>\n");
    svg
}

fn main() {
    let as_of = AS_OF.parse().expect("a date");
    let store = mercato::Store::open("data").expect("run from the repository root");
    let world = store.read().expect("readable data");
    let madrid = world.find_club("Real Madrid").expect("Real Madrid");
    let chart = depth::depth_chart(
        &world,
        &world.clubs[&madrid],
        as_of,
        mercato::query::likelihood::DEFAULT_COLD_DAYS,
    );
    std::fs::create_dir_all("docs").expect("docs/");
    let svg = render::svg::depth(&chart);
    std::fs::write("docs/depth-real-madrid.svg", &svg).expect("write");
    png(&svg, "docs/depth-real-madrid.png");
    let t = timeline::timeline(&world, None, None, as_of);
    let svg = render::svg::timeline(&t);
    std::fs::write("docs/contract-timeline.svg", &svg).expect("write");
    png(&svg, "docs/contract-timeline.png");
    let text = render::pitch::pitch(
        &chart,
        Style {
            width: None,
            color: true,
        },
    );
    png(&terminal_svg(&text), "docs/depth-pitch-terminal.png");
}
