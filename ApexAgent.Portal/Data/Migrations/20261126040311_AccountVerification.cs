using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApexAgent.Portal.Data.Migrations
{
    /// <inheritdoc />
    public partial class AccountVerification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AgreementAcceptances",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Agreement = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AcceptedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AcceptedByEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AcceptedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    IpAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgreementAcceptances", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RegulatedFeatureSettings",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Feature = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    ChangedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegulatedFeatureSettings", x => new { x.OrganizationId, x.Feature });
                });

            migrationBuilder.CreateTable(
                name: "VerificationApplications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    LegalName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Website = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    InstitutionType = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    OfficialId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    EmailDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    EmailDomainCheck = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ApplicantUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ApplicantEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Reminded30DaysAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Reminded7DaysAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ExpiryNoticeAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerificationApplications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VerificationEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ActorUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerificationEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VerificationEvents_VerificationApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "VerificationApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VerificationEvidence",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerificationEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VerificationEvidence_StoredDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "StoredDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VerificationEvidence_VerificationApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "VerificationApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AgreementAcceptances_OrganizationId_Agreement_Version",
                table: "AgreementAcceptances",
                columns: new[] { "OrganizationId", "Agreement", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VerificationApplications_OrganizationId_Status",
                table: "VerificationApplications",
                columns: new[] { "OrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_VerificationApplications_Status_SubmittedAt",
                table: "VerificationApplications",
                columns: new[] { "Status", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_VerificationEvents_ApplicationId",
                table: "VerificationEvents",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_VerificationEvidence_ApplicationId",
                table: "VerificationEvidence",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_VerificationEvidence_DocumentId",
                table: "VerificationEvidence",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_VerificationEvidence_OrganizationId_DocumentId",
                table: "VerificationEvidence",
                columns: new[] { "OrganizationId", "DocumentId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgreementAcceptances");

            migrationBuilder.DropTable(
                name: "RegulatedFeatureSettings");

            migrationBuilder.DropTable(
                name: "VerificationEvents");

            migrationBuilder.DropTable(
                name: "VerificationEvidence");

            migrationBuilder.DropTable(
                name: "VerificationApplications");
        }
    }
}
