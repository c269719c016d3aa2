// Our own model for the interop tests: every Edm type CAP has, a composition
// and an association, an ETag on a managed entity, a media property.
namespace interop;

using { cuid, managed } from '@sap/cds/common';

type Purpose : String enum { signing; encryption; authentication; };

entity Tenants : cuid, managed {
  name         : String(100) not null;
  certificates : Composition of many Certificates on certificates.tenant = $self;
}

entity Certificates : cuid, managed {
  tenant          : Association to Tenants;
  thumbprint      : String(40) not null;
  purpose         : Purpose;
  // One of each Edm type CAP has.
  isExportable    : Boolean;
  keyLength       : Integer;
  revision        : Int16;
  priority        : UInt8;
  serialNumber    : Int64;
  price           : Decimal(12, 4);
  score           : Double;
  validFrom       : Date;
  renewAt         : Time;
  issuedAt        : DateTime;
  expiresAt       : Timestamp;
  blob            : Binary(4096);
  notes           : LargeString;
  @Core.MediaType: mediaType
  content         : LargeBinary;
  @Core.IsMediaType
  mediaType       : String(100);
  issuer          : Association to Issuers;
}

entity Issuers {
  key code : String(10);
  name     : String(100);
}
