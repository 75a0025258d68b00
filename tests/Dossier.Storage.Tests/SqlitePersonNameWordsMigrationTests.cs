using Dossier.Entities;
using Dossier.Storage.Sqlite;
using Dossier.Tests;
using Microsoft.Data.Sqlite;

namespace Dossier.Storage.Tests;

/// <summary>People stored before the person name words were kept are found by a one-word name stored after the migration.</summary>
public sealed class SqlitePersonNameWordsMigrationTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("dossier-migration-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task The_migration_files_the_people_already_stored_so_that_a_one_word_name_joins_them()
    {
        var path = Path.Combine(_folder.FullName, "old.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            var wordsVersion = SqliteMigrations.All.Single(migration => migration.Name == "person_name_words").Version;
            foreach (var script in SqliteMigrations.All.Where(migration => migration.Version < wordsVersion))
            {
                await ExecuteAsync(connection, await script.ReadAsync(CancellationToken.None));
            }

            await ExecuteAsync(connection,
                $"""
                INSERT INTO entities (key, name, label) VALUES ('PER:donaldtrump', 'Donald Trump', 'PER'), ('ORG:trumporganization', 'Trump Organization', 'ORG');
                PRAGMA user_version = {wordsVersion - 1};
                """);
        }

        await using var store = await SqliteDossierStore.OpenAsync(path, CancellationToken.None);
        Assert.True(await store.AddDocumentAsync(TestDocuments.WithNames("short", EntityLabel.PER, "Trump"), CancellationToken.None));
        var trump = (await store.GetEntityAsync((await store.GetCanonicalIdsAsync("short", CancellationToken.None))[0], CancellationToken.None))!;
        Assert.Equal("Donald Trump", trump.Name);
        Assert.Contains("Trump", trump.Aliases);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
