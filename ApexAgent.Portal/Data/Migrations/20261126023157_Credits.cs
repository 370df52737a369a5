using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApexAgent.Portal.Data.Migrations
{
    /// <inheritdoc />
    public partial class Credits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CreditBurnDays",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Used = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditBurnDays", x => new { x.OrganizationId, x.Day, x.Kind });
                });

            migrationBuilder.CreateTable(
                name: "CreditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    GrantId = table.Column<Guid>(type: "TEXT", nullable: true),
                    GrantKind = table.Column<int>(type: "INTEGER", nullable: true),
                    Change = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    UsageEventId = table.Column<long>(type: "INTEGER", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Reverses = table.Column<long>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CreditGrants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Remaining = table.Column<long>(type: "INTEGER", nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    GrantedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Expired = table.Column<long>(type: "INTEGER", nullable: false),
                    ClawedBack = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditGrants", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CreditPools",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OverdraftAllowance = table.Column<long>(type: "INTEGER", nullable: false),
                    Overdrawn = table.Column<long>(type: "INTEGER", nullable: false),
                    AutoTopUpEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AutoTopUpThreshold = table.Column<long>(type: "INTEGER", nullable: false),
                    AutoTopUpPack = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    AutoTopUpMonthlyLimit = table.Column<int>(type: "INTEGER", nullable: false),
                    AutoTopUpFailedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditPools", x => x.OrganizationId);
                });

            migrationBuilder.CreateTable(
                name: "CreditPurchases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Trigger = table.Column<int>(type: "INTEGER", nullable: false),
                    PackCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Credits = table.Column<long>(type: "INTEGER", nullable: false),
                    PriceMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    CurrencyCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    RequestKey = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    InvoiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GrantId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FailureCode = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    FailureMessage = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditPurchases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LowBalanceAlerts",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Threshold = table.Column<long>(type: "INTEGER", nullable: false),
                    IsBelow = table.Column<bool>(type: "INTEGER", nullable: false),
                    LastNotifiedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LowBalanceAlerts", x => new { x.OrganizationId, x.UserId });
                });

            migrationBuilder.CreateTable(
                name: "RateCardVersions",
                columns: table => new
                {
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    EffectiveFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    Rates = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RateCardVersions", x => x.Version);
                });

            migrationBuilder.CreateTable(
                name: "UsageDays",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Feature = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Events = table.Column<long>(type: "INTEGER", nullable: false),
                    QuantityThousandths = table.Column<long>(type: "INTEGER", nullable: false),
                    Used = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageDays", x => new { x.OrganizationId, x.Day, x.Feature, x.UserId });
                });

            migrationBuilder.CreateTable(
                name: "UsageEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Feature = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    QuantityThousandths = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ApiKeyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RateCardVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Deducted = table.Column<long>(type: "INTEGER", nullable: false),
                    BalanceAfter = table.Column<long>(type: "INTEGER", nullable: false),
                    Metadata = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: true),
                    ReversedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReversalReason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UsageHours",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Hour = table.Column<long>(type: "INTEGER", nullable: false),
                    Feature = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Events = table.Column<long>(type: "INTEGER", nullable: false),
                    Used = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageHours", x => new { x.OrganizationId, x.Hour, x.Feature });
                });

            migrationBuilder.CreateIndex(
                name: "IX_CreditEntries_OrganizationId_Id",
                table: "CreditEntries",
                columns: new[] { "OrganizationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CreditEntries_Reverses",
                table: "CreditEntries",
                column: "Reverses",
                unique: true,
                filter: "\"Reverses\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CreditEntries_UsageEventId",
                table: "CreditEntries",
                column: "UsageEventId",
                filter: "\"UsageEventId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CreditGrants_Live",
                table: "CreditGrants",
                columns: new[] { "OrganizationId", "ExpiresAt" },
                filter: "\"Remaining\" > 0");

            migrationBuilder.CreateIndex(
                name: "IX_CreditGrants_OrganizationId_Source",
                table: "CreditGrants",
                columns: new[] { "OrganizationId", "Source" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CreditGrants_ToExpire",
                table: "CreditGrants",
                column: "ExpiresAt",
                filter: "\"Remaining\" > 0");

            migrationBuilder.CreateIndex(
                name: "IX_CreditPurchases_Charging",
                table: "CreditPurchases",
                column: "OrganizationId",
                unique: true,
                filter: "\"Status\" = 0");

            migrationBuilder.CreateIndex(
                name: "IX_CreditPurchases_InvoiceId",
                table: "CreditPurchases",
                column: "InvoiceId");

            migrationBuilder.CreateIndex(
                name: "IX_CreditPurchases_OrganizationId_CreatedAt",
                table: "CreditPurchases",
                columns: new[] { "OrganizationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CreditPurchases_OrganizationId_RequestKey",
                table: "CreditPurchases",
                columns: new[] { "OrganizationId", "RequestKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RateCardVersions_EffectiveFrom",
                table: "RateCardVersions",
                column: "EffectiveFrom");

            migrationBuilder.CreateIndex(
                name: "IX_UsageDays_Covering",
                table: "UsageDays",
                columns: new[] { "OrganizationId", "Day", "UserId", "Feature", "Used", "Events" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageEvents_OrganizationId_EventId",
                table: "UsageEvents",
                columns: new[] { "OrganizationId", "EventId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CreditBurnDays");

            migrationBuilder.DropTable(
                name: "CreditEntries");

            migrationBuilder.DropTable(
                name: "CreditGrants");

            migrationBuilder.DropTable(
                name: "CreditPools");

            migrationBuilder.DropTable(
                name: "CreditPurchases");

            migrationBuilder.DropTable(
                name: "LowBalanceAlerts");

            migrationBuilder.DropTable(
                name: "RateCardVersions");

            migrationBuilder.DropTable(
                name: "UsageDays");

            migrationBuilder.DropTable(
                name: "UsageEvents");

            migrationBuilder.DropTable(
                name: "UsageHours");
        }
    }
}
