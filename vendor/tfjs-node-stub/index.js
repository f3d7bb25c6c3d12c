// danfojs-node requires @tensorflow/tfjs-node, whose install script downloads a native
// binary (impossible offline). The pure-JS build has the same API for what danfojs uses.
module.exports = require("@tensorflow/tfjs");
