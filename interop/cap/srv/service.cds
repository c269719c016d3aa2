using { interop } from '../db/schema';

service InteropService {
  entity Tenants as projection on interop.Tenants;

  entity Certificates as projection on interop.Certificates actions {
    action renew(days : Integer, note : String default 'renewed') returns Certificates;
    function fingerprint(algorithm : String) returns String;
  };

  @readonly entity Issuers as projection on interop.Issuers;

  function echo(text : String, times : Integer) returns String;
  function countCertificates(purpose : interop.Purpose) returns Integer;
  action findByThumbprint(thumbprint : String) returns Certificates;
  action reset();
}

annotate InteropService.Certificates with {
  modifiedAt @odata.etag;
};
