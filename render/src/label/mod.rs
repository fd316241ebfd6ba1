//! Cargo labels: label source → label data → barcode modules → layout in mm on the printer's dot grid
//! → SVG.
//!
//! The SVG states its physical size (`width="75mm" height="120mm"`, viewBox in mm), every bar edge
//! lies on the dot grid of the printer it is meant for, and text is drawn from the embedded font as
//! outlines (glyphs defined once in `<defs>`, placed with `<use>`), so it looks the same everywhere
//! and matches the printer raster drawn from the same [`Scene`].

mod data;
mod error;
pub mod layout;
mod svg;

pub use data::{
    LabelData, LabelSource, SourceBarcodes, SourceDeliveryMethod, SourceProduct, LABEL_SOURCE_KEYS,
};
pub use error::LabelError;
pub use layout::{
    layout, round_mm, scene, BarcodeBox, BarcodeRole, DotRect, GlyphRun, LabelLayout, LabelOptions,
    LabelSize, LabelWarning, NamedSize, Scene, TextBox, MAX_SIDE_MM, MIN_SIDE_MM,
    QUIET_ZONE_MODULES,
};
pub use svg::write_svg;

use crate::font::label_font;

/// A rendered label: the SVG and the geometry it was drawn from.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedLabel {
    /// The SVG document.
    pub svg: String,
    /// Where everything is.
    pub layout: LabelLayout,
}

/// The label content of an order under these options.
pub fn label_data(
    source: &LabelSource<'_>,
    options: &LabelOptions,
) -> Result<LabelData, LabelError> {
    let (index, count) = options.boxes()?;
    Ok(LabelData::from_source(
        source,
        index,
        count,
        options.cluster_letter()?,
        options.utc_offset_minutes,
    ))
}

/// Lays out and draws a label from its content.
pub fn render_data(data: &LabelData, options: &LabelOptions) -> Result<RenderedLabel, LabelError> {
    let (layout, scene) = layout(data, options)?;
    Ok(RenderedLabel {
        svg: write_svg(&scene, label_font(), &title(data)),
        layout,
    })
}

/// The SVG's title, for screen readers and file browsers.
fn title(data: &LabelData) -> String {
    format!("Ozon cargo label {}", data.posting_number)
}

/// An order's cargo label as SVG alone (what `renderLabel` returns): the same document as
/// [`render_label`]'s, without building the layout's boxes.
pub fn render_svg(source: &LabelSource<'_>, options: &LabelOptions) -> Result<String, LabelError> {
    let data = label_data(source, options)?;
    let scene = scene(&data, options)?;
    Ok(write_svg(&scene, label_font(), &title(&data)))
}

/// An order's cargo label.
pub fn render_label(
    source: &LabelSource<'_>,
    options: &LabelOptions,
) -> Result<RenderedLabel, LabelError> {
    render_data(&label_data(source, options)?, options)
}

/// The geometry an order's label is drawn from (what the packing check intersects tape with).
pub fn label_layout(
    source: &LabelSource<'_>,
    options: &LabelOptions,
) -> Result<LabelLayout, LabelError> {
    Ok(layout(&label_data(source, options)?, options)?.0)
}

/// The scene an order's label is drawn from: what the printer rasterizer fills.
pub fn label_scene(source: &LabelSource<'_>, options: &LabelOptions) -> Result<Scene, LabelError> {
    scene(&label_data(source, options)?, options)
}
