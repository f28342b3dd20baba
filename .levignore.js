// Changes between the @grafana packages we build against and the newest ones that Grafana's compatibility checker
// (`npm run compat`, @grafana/levitate) reports but that cannot break the built plugin. Each entry names one export
// exactly and says why it is safe; a new report is a real question, not something to add here by reflex.
module.exports = {
  changes: [
    // @grafana/data 13.2 turned the `PanelOptionsEditorConfig` interface into a type alias of the same shape. The
    // option builder methods our panel calls take it as a parameter, so levitate sees a "parameter type changed";
    // the fields we pass (path, name, description, defaultValue, settings, showIf, category) are unchanged, and type
    // aliases do not exist at run time.
    /^PanelOptionsEditorBuilder\.addNumberInput$/,
    /^PanelOptionsEditorBuilder\.addRadio$/,
    /^PanelOptionsEditorBuilder\.addBooleanSwitch$/,
  ],
};
