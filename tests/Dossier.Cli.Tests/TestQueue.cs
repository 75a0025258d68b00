using RabbitMQ.Client;
using Xunit.Abstractions;

namespace Dossier.Cli.Tests;

/// <summary>
/// A work queue of its own on the RabbitMQ broker named by DOSSIER_TEST_AMQP, deleted (with its dead-letter queue and
/// exchange) after the test. Without that variable the test is skipped, saying so, unless DOSSIER_REQUIRE_SERVICES=1.
/// </summary>
internal sealed class TestQueue : IAsyncDisposable
{
    private TestQueue(string address) => Address = address;

    public string Address { get; }

    public string Name { get; } = "dossier-test-" + Guid.NewGuid().ToString("N")[..12];

    public string DeadLetters => Name + ".dead";

    /// <summary>The options that point a command at this queue.</summary>
    public string[] Options => ["--queue", Address, "--queue-name", Name];

    public static TestQueue? Open(ITestOutputHelper output)
    {
        if (Environment.GetEnvironmentVariable("DOSSIER_TEST_AMQP") is { Length: > 0 } address) return new TestQueue(address);
        if (Environment.GetEnvironmentVariable("DOSSIER_REQUIRE_SERVICES") == "1")
        {
            Assert.Fail("DOSSIER_TEST_AMQP is not set but DOSSIER_REQUIRE_SERVICES=1: RabbitMQ did not start");
        }

        output.WriteLine("skipped: DOSSIER_TEST_AMQP is not set (no RabbitMQ broker to test against)");
        return null;
    }

    public async Task<uint> CountAsync(string queue)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        return await channel.MessageCountAsync(queue);
    }

    /// <summary>Takes up to <paramref name="count"/> messages without acknowledging them and drops the channel, as a crashed worker would.</summary>
    public async Task AbandonDeliveriesAsync(int count)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        for (var i = 0; i < count && await channel.BasicGetAsync(Name, autoAck: false) is not null; i++)
        {
        }

        await channel.CloseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(Name, ifUnused: false, ifEmpty: false);
        await channel.QueueDeleteAsync(DeadLetters, ifUnused: false, ifEmpty: false);
        await channel.ExchangeDeleteAsync(DeadLetters, ifUnused: false);
    }

    private Task<IConnection> ConnectAsync() => new ConnectionFactory { Uri = new Uri(Address) }.CreateConnectionAsync();
}
