// The result pages' chart colours, beside the shared ECharts registration.
export { echarts } from '../../../lib/echarts';
import { resultsT } from '../messages';

/** Quartile colours, best to worst: readable on white and for colour-blind readers (blue → orange). */
export const quartileColors = ['#1d4ed8', '#60a5fa', '#fdba74', '#c2410c'];
/** Quartile names, best to worst, in the current language (call during render). */
export const quartileLabels = () => [resultsT('quartileTop'), resultsT('quartileSecond'), resultsT('quartileThird'), resultsT('quartileBottom')];

/** Series colours for overlays (up to six evaluatees): distinct hues, readable on white. */
export const seriesColors = ['#1d4ed8', '#c2410c', '#15803d', '#7e22ce', '#0e7490', '#a16207'];
