/** Panel options (view, orientation and colour options arrive with the canvas renderer). */
export interface FlameGraphOptions {}
