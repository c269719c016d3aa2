// Handlers for the actions and functions of srv/service.cds.
const cds = require('@sap/cds');
const crypto = require('crypto');

module.exports = class InteropService extends cds.ApplicationService {
  init() {
    const { Certificates } = this.entities;

    this.on('renew', Certificates, async (req) => {
      const [{ ID }] = req.params;
      const days = req.data.days ?? 30;
      const note = req.data.note ?? 'renewed';
      const current = await SELECT.one.from(Certificates, ID);
      if (!current) return req.reject(404, `no certificate ${ID}`);
      const from = new Date(current.expiresAt ?? Date.now());
      const expiresAt = new Date(from.getTime() + days * 86400000).toISOString();
      await UPDATE(Certificates, ID).with({ expiresAt, notes: note });
      return SELECT.one.from(Certificates, ID);
    });

    this.on('fingerprint', Certificates, async (req) => {
      const [{ ID }] = req.params;
      const algorithm = req.data.algorithm ?? 'sha256';
      const current = await SELECT.one.from(Certificates, ID).columns('thumbprint');
      if (!current) return req.reject(404, `no certificate ${ID}`);
      if (!['sha1', 'sha256'].includes(algorithm)) {
        return req.reject(400, `unknown algorithm '${algorithm}'`);
      }
      return `${algorithm}:` + crypto.createHash(algorithm).update(current.thumbprint).digest('hex');
    });

    this.on('echo', (req) => {
      const text = req.data.text ?? '';
      return text.repeat(req.data.times ?? 1);
    });

    this.on('countCertificates', async (req) => {
      const where = req.data.purpose ? { purpose: req.data.purpose } : {};
      const { count } = await SELECT.one.from(Certificates).columns('count(*) as count').where(where);
      return count;
    });

    this.on('findByThumbprint', async (req) => {
      const found = await SELECT.one.from(Certificates).where({ thumbprint: req.data.thumbprint });
      return found ?? null;
    });

    this.on('reset', async () => {
      await DELETE.from(Certificates).where({ thumbprint: { like: 'TEST-%' } });
    });

    return super.init();
  }
};
