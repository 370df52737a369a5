using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApexAgent.Portal.Data.Migrations
{
    /// <inheritdoc />
    public partial class SupportViewsFollowAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_SupportViews_AspNetUsers_CustomerUserId",
                table: "SupportViews");

            migrationBuilder.AddForeignKey(
                name: "FK_SupportViews_AspNetUsers_CustomerUserId",
                table: "SupportViews",
                column: "CustomerUserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_SupportViews_AspNetUsers_CustomerUserId",
                table: "SupportViews");

            migrationBuilder.AddForeignKey(
                name: "FK_SupportViews_AspNetUsers_CustomerUserId",
                table: "SupportViews",
                column: "CustomerUserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
