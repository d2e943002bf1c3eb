// /timeline: the defections drawn as a PNG. data (facts -> marks), layout (pure), svg, render (resvg).
export { classifyRole, POST_KINDS, type PostKind } from './kinds.ts';
export { timelineInput, type MarkDate, type MarkInput, type TimelineQuery } from './data.ts';
export { dateShape, layoutTimeline, shortDate, type Layout, type LayoutOptions, type PositionedMark } from './layout.ts';
export { timelineSvg, THEME } from './svg.ts';
export { rasterize, rasterizePixels, renderMarks, timelineCaption, timelinePng, timelinePngAsync, type TimelineImage } from './render.ts';
export { fontFiles, measureText } from './font.ts';
