using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApexAgent.Portal.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProcessorWebhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PaymentDisputes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InvoiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PaymentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Processor = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ProcessorDisputeId = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    CurrencyCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreditNoteId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentDisputes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaymentDisputes_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProcessorEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Processor = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    ObjectId = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    EventCreatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Payload = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcessorEvents", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PaymentDisputes_InvoiceId",
                table: "PaymentDisputes",
                column: "InvoiceId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentDisputes_OrganizationId",
                table: "PaymentDisputes",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentDisputes_Processor_ProcessorDisputeId",
                table: "PaymentDisputes",
                columns: new[] { "Processor", "ProcessorDisputeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProcessorEvents_Outcome_ObjectId",
                table: "ProcessorEvents",
                columns: new[] { "Outcome", "ObjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_ProcessorEvents_Processor_EventId",
                table: "ProcessorEvents",
                columns: new[] { "Processor", "EventId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProcessorEvents_ReceivedAt",
                table: "ProcessorEvents",
                column: "ReceivedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PaymentDisputes");

            migrationBuilder.DropTable(
                name: "ProcessorEvents");
        }
    }
}
