using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApexAgent.Portal.Data.Migrations
{
    /// <inheritdoc />
    public partial class Tax : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TaxJurisdiction",
                table: "InvoiceLines",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "TaxRate",
                table: "InvoiceLines",
                type: "TEXT",
                precision: 9,
                scale: 6,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TaxableMinor",
                table: "InvoiceLines",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PostalCode",
                table: "BillingAccounts",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Region",
                table: "BillingAccounts",
                type: "TEXT",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TaxStatus",
                table: "BillingAccounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "TaxExemptionCertificates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Jurisdiction = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    CertificateNumber = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ExpiryWarnedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ExpiredNoticeAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaxExemptionCertificates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TaxExemptionCertificates_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TaxExemptionCertificates_StoredDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "StoredDocuments",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_TaxExemptionCertificates_DocumentId",
                table: "TaxExemptionCertificates",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_TaxExemptionCertificates_OrganizationId_Status",
                table: "TaxExemptionCertificates",
                columns: new[] { "OrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_TaxExemptionCertificates_Status",
                table: "TaxExemptionCertificates",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TaxExemptionCertificates");

            migrationBuilder.DropColumn(
                name: "TaxJurisdiction",
                table: "InvoiceLines");

            migrationBuilder.DropColumn(
                name: "TaxRate",
                table: "InvoiceLines");

            migrationBuilder.DropColumn(
                name: "TaxableMinor",
                table: "InvoiceLines");

            migrationBuilder.DropColumn(
                name: "PostalCode",
                table: "BillingAccounts");

            migrationBuilder.DropColumn(
                name: "Region",
                table: "BillingAccounts");

            migrationBuilder.DropColumn(
                name: "TaxStatus",
                table: "BillingAccounts");
        }
    }
}
