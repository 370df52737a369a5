using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApexAgent.Portal.Data.Migrations
{
    /// <inheritdoc />
    public partial class PayPalApprovals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PayPalApprovals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PayPalId = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    PackCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    PurchaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    CurrencyCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    PaymentMethodId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PayPalApprovals", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PayPalApprovals_ExpiresAt",
                table: "PayPalApprovals",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_PayPalApprovals_Kind_PayPalId",
                table: "PayPalApprovals",
                columns: new[] { "Kind", "PayPalId" });

            migrationBuilder.CreateIndex(
                name: "IX_PayPalApprovals_OrganizationId",
                table: "PayPalApprovals",
                column: "OrganizationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PayPalApprovals");
        }
    }
}
