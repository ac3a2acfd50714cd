using Azure.Data.Tables;
using Azure.Storage.Blobs;
using MedScribe.AzureStorage.GrainStorage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

using MedScribe.Testing;

namespace MedScribe.AzureStorage.Tests;

/// <summary>The IGrainStorage contract, checked against Azurite.</summary>
public sealed class TableGrainStorageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TableGrainStorageOptions _options = new()
    {
        ConnectionString = azurite.ConnectionString,
        TableName = AzuriteFixture.UniqueName("state"),
        BlobContainerName = AzuriteFixture.UniqueName("state"),
        GrainStorageSerializer = new SystemTextJsonGrainStorageSerializer(Options.Create(new SystemTextJsonGrainStorageSerializerOptions())),
    };

    private TableGrainStorage _storage = null!;

    public async ValueTask InitializeAsync()
    {
        _storage = Create("svc");
        await _storage.InitializeAsync(CancellationToken.None);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private TableGrainStorage Create(string serviceId) =>
        new("test", _options, new ClusterOptions { ServiceId = serviceId, ClusterId = "c" }, NullLogger<TableGrainStorage>.Instance);

    private static GrainId Grain(string key = "ses_0123456789abcdefghijklmn") => GrainId.Create("sessiongrain", key);

    [Fact]
    public async Task Reading_state_that_was_never_written_gives_a_fresh_state_without_etag()
    {
        var state = new GrainState<Note>();
        await _storage.ReadStateAsync("note", Grain(), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.NotNull(state.State);
        Assert.Equal("", state.State!.Text);
    }

    [Fact]
    public async Task Written_state_reads_back_with_the_same_etag_in_a_new_activation()
    {
        var written = new GrainState<Note>(new Note { Text = "BP 128/82", Lines = ["a", "b"] });
        await _storage.WriteStateAsync("note", Grain(), written);

        var read = new GrainState<Note>();
        await _storage.ReadStateAsync("note", Grain(), read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("BP 128/82", read.State!.Text);
        Assert.Equal(["a", "b"], read.State!.Lines);
    }

    [Fact]
    public async Task Writing_with_a_stale_etag_throws_InconsistentStateException_and_keeps_the_winner()
    {
        var first = new GrainState<Note>(new Note { Text = "v1" });
        await _storage.WriteStateAsync("note", Grain(), first);
        var stale = new GrainState<Note>(new Note { Text = "stale" }) { ETag = first.ETag };
        first.State!.Text = "v2";
        await _storage.WriteStateAsync("note", Grain(), first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("note", Grain(), stale));

        var read = new GrainState<Note>();
        await _storage.ReadStateAsync("note", Grain(), read);
        Assert.Equal("v2", read.State!.Text);
    }

    [Fact]
    public async Task A_first_write_over_an_existing_record_is_a_conflict()
    {
        await _storage.WriteStateAsync("note", Grain(), new GrainState<Note>(new Note { Text = "existing" }));

        var blind = new GrainState<Note>(new Note { Text = "blind" });
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("note", Grain(), blind));
    }

    [Fact]
    public async Task Of_concurrent_writers_holding_the_same_etag_exactly_one_wins()
    {
        var seed = new GrainState<Note>(new Note { Text = "seed" });
        await _storage.WriteStateAsync("note", Grain(), seed);

        var writers = Enumerable.Range(0, 8)
            .Select(i => new GrainState<Note>(new Note { Text = $"writer {i}" }) { ETag = seed.ETag })
            .ToArray();
        var outcomes = await Task.WhenAll(writers.Select(async w =>
        {
            try
            {
                await _storage.WriteStateAsync("note", Grain(), w);
                return w.State!.Text;
            }
            catch (InconsistentStateException)
            {
                return null;
            }
        }));

        var winner = Assert.Single(outcomes, o => o is not null);
        var read = new GrainState<Note>();
        await _storage.ReadStateAsync("note", Grain(), read);
        Assert.Equal(winner, read.State!.Text);
    }

    [Fact]
    public async Task Clear_then_read_gives_no_record_and_a_later_first_write_succeeds()
    {
        var state = new GrainState<Note>(new Note { Text = "to clear" });
        await _storage.WriteStateAsync("note", Grain(), state);

        await _storage.ClearStateAsync("note", Grain(), state);
        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);

        var read = new GrainState<Note>();
        await _storage.ReadStateAsync("note", Grain(), read);
        Assert.False(read.RecordExists);
        Assert.Equal("", read.State!.Text);

        await _storage.WriteStateAsync("note", Grain(), new GrainState<Note>(new Note { Text = "again" }));
    }

    [Fact]
    public async Task Clear_with_a_stale_etag_is_a_conflict_and_deletes_nothing()
    {
        var state = new GrainState<Note>(new Note { Text = "v1" });
        await _storage.WriteStateAsync("note", Grain(), state);
        var stale = new GrainState<Note> { ETag = state.ETag };
        await _storage.WriteStateAsync("note", Grain(), state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync("note", Grain(), stale));
        var blind = new GrainState<Note>();
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync("note", Grain(), blind));

        var read = new GrainState<Note>();
        await _storage.ReadStateAsync("note", Grain(), read);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task Clearing_state_that_another_activation_already_cleared_is_a_conflict()
    {
        var mine = new GrainState<Note>(new Note { Text = "v1" });
        await _storage.WriteStateAsync("note", Grain(), mine);
        var theirs = new GrainState<Note> { ETag = mine.ETag };
        await _storage.ClearStateAsync("note", Grain(), theirs);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync("note", Grain(), mine));
    }

    [Fact]
    public async Task State_larger_than_one_table_property_is_split_across_properties_and_round_trips()
    {
        // A session with 300 chunks and an hour of transcript: ~300 KiB of JSON.
        var big = Note.Large(lines: 300, lineLength: 1000);
        await _storage.WriteStateAsync("note", Grain(), new GrainState<Note>(big));

        var read = new GrainState<Note>();
        await _storage.ReadStateAsync("note", Grain(), read);
        Assert.Equal(big.Lines, read.State!.Lines);

        var row = await Table().GetEntityAsync<TableEntity>(TableKey.Escape($"svc_{Grain()}"), "note", cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(row.Value.GetInt32("Parts") > 1);
        Assert.Null(row.Value.GetString("Blob"));
    }

    [Fact]
    public async Task State_larger_than_a_table_row_moves_to_a_blob_and_the_old_blob_is_removed_on_the_next_write()
    {
        var huge = Note.Large(lines: 3000, lineLength: 1000);
        var state = new GrainState<Note>(huge);
        await _storage.WriteStateAsync("note", Grain(), state);

        var read = new GrainState<Note>();
        await _storage.ReadStateAsync("note", Grain(), read);
        Assert.Equal(huge.Lines, read.State!.Lines);
        Assert.Single(await BlobNames());

        read.State!.Lines.Add("one more line");
        await _storage.WriteStateAsync("note", Grain(), read);
        Assert.Single(await BlobNames());

        read.State = new Note { Text = "small again" };
        await _storage.WriteStateAsync("note", Grain(), read);
        Assert.Empty(await BlobNames());

        var small = new GrainState<Note>();
        await _storage.ReadStateAsync("note", Grain(), small);
        Assert.Equal("small again", small.State!.Text);
    }

    [Fact]
    public async Task A_stale_writer_of_large_state_leaves_no_blob_behind()
    {
        var state = new GrainState<Note>(new Note { Text = "v1" });
        await _storage.WriteStateAsync("note", Grain(), state);
        var stale = new GrainState<Note>(Note.Large(lines: 3000, lineLength: 1000)) { ETag = state.ETag };
        await _storage.WriteStateAsync("note", Grain(), state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("note", Grain(), stale));
        Assert.Empty(await BlobNames());
    }

    [Fact]
    public async Task Keys_with_characters_azure_forbids_and_different_services_do_not_collide()
    {
        var odd = GrainId.Create("tenant/grain", @"a/b\c#d?e%f");
        await _storage.WriteStateAsync("state/with#odd?name", odd, new GrainState<Note>(new Note { Text = "svc" }));
        var other = Create("other-service");
        await other.WriteStateAsync("state/with#odd?name", odd, new GrainState<Note>(new Note { Text = "other" }));

        var mine = new GrainState<Note>();
        await _storage.ReadStateAsync("state/with#odd?name", odd, mine);
        var theirs = new GrainState<Note>();
        await other.ReadStateAsync("state/with#odd?name", odd, theirs);
        Assert.Equal("svc", mine.State!.Text);
        Assert.Equal("other", theirs.State!.Text);
    }

    private TableClient Table() => new TableServiceClient(azurite.ConnectionString).GetTableClient(_options.TableName);

    private async Task<List<string>> BlobNames()
    {
        var names = new List<string>();
        await foreach (var blob in new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(_options.BlobContainerName).GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }

    public sealed class Note
    {
        public string Text { get; set; } = "";
        public List<string> Lines { get; set; } = [];

        public static Note Large(int lines, int lineLength) => new()
        {
            Text = "large",
            Lines = Enumerable.Range(0, lines).Select(i => $"{i}:" + new string((char)('a' + i % 26), lineLength)).ToList(),
        };
    }
}
