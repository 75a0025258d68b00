using Dossier.Storage.Postgres;
using Npgsql;

namespace Dossier.Storage.Tests;

public sealed class PostgresLocationTests
{
    [Theory]
    [InlineData("postgres://u@h/db", true)]
    [InlineData("postgresql://u@h/db", true)]
    [InlineData("Host=127.0.0.1;Database=dossier", true)]
    [InlineData("Username=u; host=h", true)]
    [InlineData("dossier.db", false)]
    [InlineData("stores/Host=1.db", false)]
    [InlineData("", false)]
    public void The_location_alone_picks_the_backend(string location, bool postgres) => Assert.Equal(postgres, DossierStores.IsPostgres(location));

    [Fact]
    public void A_uri_becomes_a_connection_string_with_every_part()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresDatabase.ToConnectionString(
            "postgres://ana%40corp:p%3Ass%2Fw@db.example:6543/news%20store?sslmode=require&application_name=dossier&Pooling=false"));
        Assert.Equal(("db.example", 6543, "news store"), (builder.Host, builder.Port, builder.Database));
        Assert.Equal(("ana@corp", "p:ss/w"), (builder.Username, builder.Password));
        Assert.Equal((SslMode.Require, "dossier", false), (builder.SslMode, builder.ApplicationName, builder.Pooling));
    }

    [Fact]
    public void A_uri_without_port_or_user_keeps_the_defaults()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresDatabase.ToConnectionString("postgresql://localhost/dossier"));
        Assert.Equal(("localhost", 5432, "dossier", null), (builder.Host, builder.Port, builder.Database, builder.Username));
    }

    [Theory]
    [InlineData("postgres://u:secret@h/db?nonsense=1")]
    [InlineData("Host=h;Password=secret;Nonsense=1")]
    public void A_bad_location_is_named_without_its_password(string location)
    {
        var error = Assert.Throws<ArgumentException>(() => PostgresDatabase.ToConnectionString(location));
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
        Assert.Contains("nonsense", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_is_named_in_the_error_without_its_password()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        var error = await Assert.ThrowsAsync<IOException>(() => DossierStores.OpenAsync("postgres://ana:secret@127.0.0.1:1/dossier?Timeout=2", CancellationToken.None));
        Assert.Contains("postgres://ana:***@127.0.0.1:1/dossier", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }
}
