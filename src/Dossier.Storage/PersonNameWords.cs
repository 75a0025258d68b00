using System.Data.Common;
using Dossier.Entities;
using Dossier.Linking;

namespace Dossier.Storage;

/// <summary>
/// The table both stores keep so that <see cref="PersonShortNames"/> reads an index instead of every entity: each person's
/// full name under the keys of the one-word names that may stand for it (its first and last word). The SQL is the same in
/// both dialects; each store runs it with its own commands.
/// </summary>
internal static class PersonNameWords
{
    /// <summary>The migration that creates the table, in either store's folder; <see cref="AfterMigrationAsync"/> fills it.</summary>
    private const string MigrationName = "person_name_words";

    /// <summary>Files entity @entity under the word key @key.</summary>
    public const string Insert = "INSERT INTO person_name_words (word_key, entity_id) VALUES (@key, @entity)";

    /// <summary>
    /// The people filed under the word key @key other than entity @except, leaving out those merged into another: every
    /// full name that may begin or end with that word, and only those.
    /// </summary>
    public const string PeopleQuery =
        """
        SELECT e.id, e.name FROM person_name_words w JOIN entities e ON e.id = w.entity_id
        WHERE w.word_key = @key AND e.id <> @except AND NOT EXISTS (SELECT 1 FROM entity_redirects r WHERE r.from_id = e.id)
        """;

    /// <summary>The entity with key @key, unless it is sent to another (read by a full name looking for its short name).</summary>
    public const string UnmergedEntityQuery =
        "SELECT id, name FROM entities e WHERE key = @key AND NOT EXISTS (SELECT 1 FROM entity_redirects r WHERE r.from_id = e.id)";

    /// <summary>Gives entity @id the name @name: a short name's entity taking the full name it stands for (its key stays).</summary>
    public const string Rename = "UPDATE entities SET name = @name WHERE id = @id";

    /// <summary>Files a person's entity just created, by <paramref name="insert"/> (word key, entity id); returns the keys.</summary>
    public static async Task<IReadOnlyList<string>> AddAsync(long id, string name, EntityLabel label, Func<string, long, Task> insert)
    {
        var keys = PersonShortNames.ShortNameKeys(name, label);
        foreach (var key in keys) await insert(key, id);
        return keys;
    }

    /// <summary>
    /// The code step of the migration that creates the table, run in its transaction: files the people stored before it.
    /// Nothing for any other migration.
    /// </summary>
    /// <param name="namePrefix">What the backend's driver wants before a parameter's name ("@" or nothing).</param>
    public static async Task AfterMigrationAsync(MigrationScript script, DbConnection connection, DbTransaction transaction, string namePrefix, CancellationToken cancellationToken)
    {
        if (!string.Equals(script.Name, MigrationName, StringComparison.Ordinal)) return;
        var people = new List<(long Id, string Name)>();
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT id, name FROM entities WHERE label = 'PER' ORDER BY id";
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) people.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = Insert;
        var key = Parameter(insert, namePrefix + "key");
        var entity = Parameter(insert, namePrefix + "entity");
        foreach (var person in people)
        {
            await AddAsync(person.Id, person.Name, EntityLabel.PER, async (wordKey, id) =>
            {
                (key.Value, entity.Value) = (wordKey, id);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            });
        }
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
