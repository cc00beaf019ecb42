using Jobs.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Core.Tests.Persistence;

public sealed class MigrationTests
{
    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Migrations_MatchTheModel_NoPendingChanges(TestProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var ctx = db.CreateContext();

        Assert.False(ctx.Database.HasPendingModelChanges(), "The model changed without a migration: run `dotnet ef migrations add` for both providers (README).");
        Assert.Empty(await ctx.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await ctx.Servers.CountAsync());
    }
}
