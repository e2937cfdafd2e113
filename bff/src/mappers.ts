/**
 * The parent each GraphQL object type's field resolvers receive where it is a service's
 * own type (a table row, a view) rather than the schema's shape: typescript-resolvers'
 * `mappers`, which scripts/codegen.ts writes into bff/src/generated/resolvers.ts (paths
 * are relative to that file). A resolver returning one of these types is then checked
 * against the mapped type, and the type's field resolvers get it as their parent.
 */
export const resolverMappers: Record<string, string> = {
  Application: '../modules/applications/service#ApplicationView',
  ApplicationProgress: '../modules/applications/progress#ApplicationProgressView',
  Appointment: '../modules/appointments/service#AppointmentView',
  BusStop: '../modules/records/service#BusStopFromAgency',
  BusStopArrivals: '../modules/records/service#BusArrivalsFromAgency',
  BusinessLicenceEntry: '../modules/records/service#BusinessLicenceFromAgency',
  CarMoveCode: '../modules/car-move-codes/service#CarMoveCodeView',
  CarMoveReport: '../modules/car-move/service#PendingReportView',
  CaseRating: '../db/schema#RatingTable',
  ConsolePayment: '../modules/payments/console#ConsolePaymentView',
  ConsoleTile: '../modules/tiles/service#ConsoleTile',
  Consultation: '../modules/ask/consultations#ConsultationView',
  Dashboard: '../modules/records/dashboard#DashboardView',
  DrivingRecord: '../modules/records/service#DrivingFromAgency',
  ExitEntryApplication: '../modules/records/service#ExitEntryFromAgency',
  FaqEntry: '../db/schema#FaqEntryTable',
  FundDepositPage: '../modules/records/service#FundDepositPageFromAgency',
  InsuranceContribution: '../modules/records/service#InsuranceContributionFromAgency',
  IssuedDocument: '../db/schema#IssuedDocumentTable',
  MedicalInsuranceRecord: '../modules/records/service#MedicalInsuranceFromAgency',
  MyRecords: '../modules/records/service#MyRecordsParent',
  OwnedVehicle: '../modules/car-move-codes/service#OwnedVehicleView',
  Payment: '../db/schema#PaymentTable',
  PropertyRegistration: '../modules/records/service#PropertyFromAgency',
  ProvidentFundRecord: '../modules/records/service#ProvidentFundParent',
  QualificationCertificate: '../modules/records/service#QualificationFromAgency',
  RatingFollowUp: '../modules/ratings/service#FollowUpView',
  RefundRequest: '../db/schema#RefundRequestTable',
  ServiceDefinition: '../modules/applications/definitions#ServiceDefinition',
  ServiceHall: '../db/schema#ServiceHallTable',
  ServiceTile: '../modules/catalogue/store#LiveTile',
  Session: '../modules/identity/service#SessionResult',
  SocialInsuranceRecord: '../modules/records/service#SocialInsuranceParent',
  TileSnapshot: '../modules/tiles/validate#TileInput',
  UtilityAccount: '../db/schema#UtilityAccountTable',
  UtilityBill: '../modules/living-fees/service#BillParent',
  VaccinationRecord: '../modules/records/service#VaccinationFromAgency',
};
