using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApexAgent.Portal.Data.Migrations
{
    /// <inheritdoc />
    public partial class PayPalProcessor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PayPalCharges",
                columns: table => new
                {
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OrderId = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    CaptureId = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    VaultId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    CurrencyCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 127, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    FailureCode = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PayPalCharges", x => x.IdempotencyKey);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PayPalCharges_CaptureId",
                table: "PayPalCharges",
                column: "CaptureId");

            migrationBuilder.CreateIndex(
                name: "IX_PayPalCharges_CreatedAt",
                table: "PayPalCharges",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_PayPalCharges_OrderId",
                table: "PayPalCharges",
                column: "OrderId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PayPalCharges");
        }
    }
}
