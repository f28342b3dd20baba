import { PanelPlugin } from '@grafana/data';

import { FlameGraphPanel } from './FlameGraphPanel';
import { addPanelOptions, type FlameGraphOptions } from './options';

export const plugin = new PanelPlugin<FlameGraphOptions>(FlameGraphPanel).setPanelOptions(addPanelOptions);
