//! Cargo labels of orders: the renderer (`fbskit_render::label`, re-exported here) fed from an
//! [`Order`]. The functions here take an order; the renderer's own take a [`LabelSource`], the few
//! fields of an order a label shows, which is what `renderLabel` reads from JS.

pub use fbskit_render::label::{
    layout, render_data, round_mm, scene, write_svg, BarcodeBox, BarcodeRole, DotRect, GlyphRun,
    LabelData, LabelError, LabelLayout, LabelOptions, LabelSize, LabelSource, LabelWarning,
    NamedSize, RenderedLabel, Scene, SourceBarcodes, SourceDeliveryMethod, SourceProduct, TextBox,
    LABEL_SOURCE_KEYS, MAX_SIDE_MM, MIN_SIDE_MM, QUIET_ZONE_MODULES,
};

use fbskit_render::label as render;

use crate::order::Order;

/// The fields of `order` its label shows, borrowed.
pub fn label_source(order: &Order) -> LabelSource<'_> {
    LabelSource {
        posting_number: order.posting_number.as_str().into(),
        tracking_number: order.tracking_number.as_deref().map(Into::into),
        barcodes: SourceBarcodes {
            upper: order.barcodes.upper.as_deref().map(Into::into),
            lower: order.barcodes.lower.as_deref().map(Into::into),
        },
        shipment_date: order.shipment_date.clone(),
        delivery_method: SourceDeliveryMethod {
            name: order.delivery_method.name.as_str().into(),
            warehouse: order.delivery_method.warehouse.as_str().into(),
            tpl_provider: order.delivery_method.tpl_provider.as_str().into(),
        },
        products: order
            .products
            .iter()
            .map(|p| SourceProduct {
                name: p.name.as_str().into(),
                quantity: p.quantity,
            })
            .collect(),
    }
}

/// The label content of an order under these options.
pub fn label_data(order: &Order, options: &LabelOptions) -> Result<LabelData, LabelError> {
    render::label_data(&label_source(order), options)
}

/// An order's cargo label as SVG alone (what `renderLabel` returns): the same document as
/// [`render_label`]'s, without building the layout's boxes.
pub fn render_svg(order: &Order, options: &LabelOptions) -> Result<String, LabelError> {
    render::render_svg(&label_source(order), options)
}

/// An order's cargo label.
pub fn render_label(order: &Order, options: &LabelOptions) -> Result<RenderedLabel, LabelError> {
    render::render_label(&label_source(order), options)
}

/// The geometry an order's label is drawn from (what the packing check intersects tape with).
pub fn label_layout(order: &Order, options: &LabelOptions) -> Result<LabelLayout, LabelError> {
    render::label_layout(&label_source(order), options)
}

/// The scene an order's label is drawn from: what the printer rasterizer fills.
pub fn label_scene(order: &Order, options: &LabelOptions) -> Result<Scene, LabelError> {
    render::label_scene(&label_source(order), options)
}

#[cfg(test)]
pub(crate) mod tests;
