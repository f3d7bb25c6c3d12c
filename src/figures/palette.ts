/**
 * Figure styling shared by every spec. Okabe & Ito's eight colours stay distinct
 * under the common colour-vision deficiencies (deuteranopia, protanopia,
 * tritanopia); black last, since it also draws reference marks.
 */
export const OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"];

/** Named explicitly so text renders identically wherever the Debian font exists. */
export const FIGURE_FONT_FAMILY = "DejaVu Sans";
