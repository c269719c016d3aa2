// `cds-serve` picks this file up. CAP listens on every interface by default;
// the interop tests only ever need loopback.
const cds = require('@sap/cds');
const http = require('http');

const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function (port, ...rest) {
  if (typeof rest[0] === 'string') return listen.call(this, port, ...rest);
  return listen.call(this, port, '127.0.0.1', ...rest);
};

module.exports = cds.server;
