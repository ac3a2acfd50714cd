using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace MedScribe.Silo.Tests;

/// <summary>The diagnostic WebSocket: streamed replies, prices, the enforced budget, the judged diagnosis, errors, limits.</summary>
public sealed class Dx0ConversationTests(Dx0Host host) : IClassFixture<Dx0Host>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Dx0Client Client => host.Client;

    [Fact]
    public async Task The_seeds_javascript_example_gets_a_streamed_reply_whose_last_message_carries_the_cost()
    {
        var (access, _) = await Client.LoginAsync();
        await using var socket = await Client.ConnectAsync(access, cancellationToken: Ct);
        var messages = await socket.AskAsync("QUESTION", "What should I ask about chest pain?");

        Assert.All(messages[..^1], m =>
        {
            Assert.False(m["done"]!.GetValue<bool>());
            Assert.Null(m["cost"]);
            Assert.Null(m["total_spent"]);
        });
        var last = messages[^1];
        Assert.True(last["done"]!.GetValue<bool>());
        Assert.Equal(300m, last["cost"]!.GetValue<decimal>());
        Assert.Equal(300m, last["total_spent"]!.GetValue<decimal>());
        Assert.Equal(1700m, last["remaining_budget"]!.GetValue<decimal>());
        Assert.Empty(last["ordered_tests"]!.AsArray());
        Assert.False(string.IsNullOrWhiteSpace(string.Concat(messages.Select(m => m["reply"]!.GetValue<string>()))));
    }

    [Fact]
    public async Task A_question_reveals_the_matching_findings_streamed_over_several_messages_and_actions_are_case_insensitive()
    {
        var (access, _) = await Client.LoginAsync();
        await using var socket = await Client.ConnectAsync(access, cancellationToken: Ct);
        var messages = await socket.AskAsync("question", "Where did the pain start and has it moved?");
        Assert.True(messages.Count > 1);
        var reply = string.Concat(messages.Select(m => m["reply"]!.GetValue<string>()));
        Assert.Contains("dull ache around the navel", reply);
        Assert.DoesNotContain("appendicitis", reply, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_test_is_priced_from_the_table_returns_the_case_result_and_is_not_charged_twice()
    {
        var (access, _) = await Client.LoginAsync();
        await using var socket = await Client.ConnectAsync(access, cancellationToken: Ct);
        var first = await socket.AskAsync("TEST", "CBC");
        var last = first[^1];
        Assert.Equal(9m, last["cost"]!.GetValue<decimal>());
        Assert.Equal(["complete blood count"], last["ordered_tests"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Contains("WBC 14.8", string.Concat(first.Select(m => m["reply"]!.GetValue<string>())));

        var again = (await socket.AskAsync("test", "complete blood count"))[^1];
        Assert.Equal(0m, again["cost"]!.GetValue<decimal>());
        Assert.Equal(9m, again["total_spent"]!.GetValue<decimal>());

        var synthetic = await socket.AskAsync("TEST", "tsh");
        Assert.Contains("[synthetic normal result]", string.Concat(synthetic.Select(m => m["reply"]!.GetValue<string>())));
        Assert.Equal(TestCatalogPrice("tsh"), synthetic[^1]["cost"]!.GetValue<decimal>());
        Assert.Equal(9m + TestCatalogPrice("tsh"), synthetic[^1]["total_spent"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task An_unknown_test_is_refused_with_close_names_and_nothing_charged_and_bad_messages_keep_the_socket_open()
    {
        var (access, _) = await Client.LoginAsync();
        await using var socket = await Client.ConnectAsync(access, cancellationToken: Ct);
        var unknown = Assert.Single(await socket.AskAsync("TEST", "complete blod count"));
        var error = unknown["error"]!.GetValue<string>();
        Assert.StartsWith("unknown_test: no test named 'complete blod count'; nothing was charged.", error);
        Assert.Contains("complete blood count", error);

        await socket.SendRawAsync("this is not json");
        Assert.StartsWith("invalid_message: a message is a JSON object", Assert.Single(await socket.ReadAnswerAsync())["error"]!.GetValue<string>());
        await socket.SendRawAsync("""{"action":"QUESTION"}""");
        Assert.Equal("invalid_message: content is required: a string", Assert.Single(await socket.ReadAnswerAsync())["error"]!.GetValue<string>());
        await socket.SendRawAsync("""{"action":"QUESTION","content":"x"}""", WebSocketMessageType.Binary);
        Assert.Equal("invalid_message: messages are JSON text, not binary", Assert.Single(await socket.ReadAnswerAsync())["error"]!.GetValue<string>());
        Assert.Equal("unknown_action: action must be QUESTION, TEST or DIAGNOSIS; got 'EXAMINE'", Assert.Single(await socket.AskAsync("EXAMINE", "abdomen"))["error"]!.GetValue<string>());
        await socket.SendRawAsync(new JsonObject { ["action"] = "QUESTION", ["content"] = new string('x', 20_000) }.ToJsonString());
        Assert.StartsWith("invalid_message: a message is at most", Assert.Single(await socket.ReadAnswerAsync())["error"]!.GetValue<string>());

        var after = await socket.AskAsync("QUESTION", "Any allergies?");
        Assert.Equal(300m, after[^1]["total_spent"]!.GetValue<decimal>());
        Assert.Equal(WebSocketState.Open, socket.Socket.State);
    }

    [Fact]
    public async Task The_budget_is_enforced_before_charging_and_the_diagnosis_is_judged_and_ends_the_case()
    {
        var (access, _) = await Client.LoginAsync();
        await using var socket = await Client.ConnectAsync(access, budget: "400", cancellationToken: Ct);
        Assert.Equal(100m, (await socket.AskAsync("QUESTION", "Any vomiting?"))[^1]["remaining_budget"]!.GetValue<decimal>());
        var refused = Assert.Single(await socket.AskAsync("QUESTION", "Any fever?"));
        Assert.Equal("budget_exceeded: A question round costs $300 but only $100 of the $400 budget is left; nothing was charged.", refused["error"]!.GetValue<string>());
        var ct = Assert.Single(await socket.AskAsync("TEST", "CT abdomen and pelvis with contrast"));
        Assert.StartsWith("budget_exceeded: The ct abdomen pelvis with contrast costs $", ct["error"]!.GetValue<string>());
        Assert.Equal(91m, (await socket.AskAsync("TEST", "CBC"))[^1]["remaining_budget"]!.GetValue<decimal>());

        var verdict = (await socket.AskAsync("DIAGNOSIS", "Based on the symptoms, I think this is acute appendicitis"))[^1];
        Assert.Equal(0m, verdict["cost"]!.GetValue<decimal>());
        Assert.True(verdict["case_ended"]!.GetValue<bool>());
        Assert.Equal(5, verdict["judgement"]!["score"]!.GetValue<int>());
        Assert.True(verdict["judgement"]!["correct"]!.GetValue<bool>());
        Assert.Equal("Acute appendicitis", verdict["judgement"]!["case_diagnosis"]!.GetValue<string>());

        foreach (var (action, content) in new[] { ("QUESTION", "Any cough?"), ("TEST", "lipase"), ("DIAGNOSIS", "gastroenteritis") })
        {
            Assert.StartsWith("case_closed:", Assert.Single(await socket.AskAsync(action, content))["error"]!.GetValue<string>());
        }

        var (_, status, _) = await Client.GetAsync("/api/v1/case", access);
        Assert.Equal(309m, status!["total_spent"]!.GetValue<decimal>());
        Assert.True(status["ended"]!.GetValue<bool>());
        Assert.Equal(3, status["steps"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_wrong_diagnosis_is_judged_incorrect()
    {
        var (access, _) = await Client.LoginAsync();
        await using var socket = await Client.ConnectAsync(access, cancellationToken: Ct);
        var verdict = (await socket.AskAsync("Diagnosis", "Mesenteric adenitis"))[^1]["judgement"]!;
        Assert.Equal(2, verdict["score"]!.GetValue<int>());
        Assert.False(verdict["correct"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_bad_budget_or_token_refuses_the_upgrade()
    {
        var (access, _) = await Client.LoginAsync();
        Assert.Equal(422, (await Client.TryConnectAsync(access, "abc")).Status);
        Assert.Equal(422, (await Client.TryConnectAsync(access, "-5")).Status);
        Assert.Equal(401, (await Client.TryConnectAsync("not-a-token")).Status);
        Assert.Equal(101, (await Client.TryConnectAsync(access, "250.5")).Status);

        // Once spending started the budget is fixed.
        await using (var socket = await Client.ConnectAsync(access, "1000", Ct))
        {
            await socket.AskAsync("TEST", "cbc");
        }

        Assert.Equal(422, (await Client.TryConnectAsync(access, "5000")).Status);
        Assert.Equal(101, (await Client.TryConnectAsync(access, "1000")).Status);
        Assert.Equal(101, (await Client.TryConnectAsync(access)).Status);
    }

    [Fact]
    public async Task The_thirty_first_message_in_a_minute_gets_the_rate_limit_error_and_close_code_1013()
    {
        var (access, _) = await Client.LoginAsync();
        await using var socket = await Client.ConnectAsync(access, "100000", Ct);
        for (var i = 0; i < 30; i++)
        {
            var answer = await socket.AskAsync(i % 2 == 0 ? "TEST" : "QUESTION", i % 2 == 0 ? "cbc" : "Any fever?");
            Assert.Null(answer[^1]["error"]);
        }

        var limited = Assert.Single(await socket.AskAsync("QUESTION", "Any cough?"));
        Assert.StartsWith("rate_limited: more than 30 messages in 60 seconds", limited["error"]!.GetValue<string>());
        Assert.Null(await socket.ReceiveAsync(Ct));
        Assert.Equal(1013, (int)socket.Socket.CloseStatus!.Value);

        // The window is per session: a reconnect of the same session is still limited.
        await using var again = await Client.ConnectAsync(access, cancellationToken: Ct);
        Assert.StartsWith("rate_limited:", Assert.Single(await again.AskAsync("QUESTION", "Any cough?"))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Two_sockets_of_one_session_never_double_charge()
    {
        var (access, _) = await Client.LoginAsync();
        await using var a = await Client.ConnectAsync(access, "100000", Ct);
        await using var b = await Client.ConnectAsync(access, cancellationToken: Ct);
        var both = await Task.WhenAll(
            Task.Run(async () => { var r = new List<JsonObject>(); for (var i = 0; i < 5; i++) { r.AddRange(await a.AskAsync("QUESTION", "Any nausea?")); r.AddRange(await a.AskAsync("TEST", "lipase")); } return r; }, Ct),
            Task.Run(async () => { var r = new List<JsonObject>(); for (var i = 0; i < 5; i++) { r.AddRange(await b.AskAsync("QUESTION", "Any fever?")); r.AddRange(await b.AskAsync("TEST", "lipase")); } return r; }, Ct));

        var charged = both.SelectMany(m => m).Where(m => m["done"]?.GetValue<bool>() == true).Sum(m => m["cost"]!.GetValue<decimal>());
        var (_, status, _) = await Client.GetAsync("/api/v1/case", access);
        var lipase = TestCatalogPrice("lipase");
        Assert.Equal(10 * 300m + lipase, status!["total_spent"]!.GetValue<decimal>());
        Assert.Equal(status["total_spent"]!.GetValue<decimal>(), charged);
        Assert.Equal(["lipase"], status["ordered_tests"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public async Task The_conversation_survives_a_reconnect_with_a_refreshed_token()
    {
        var (access, refresh) = await Client.LoginAsync();
        await using (var socket = await Client.ConnectAsync(access, cancellationToken: Ct))
        {
            await socket.AskAsync("QUESTION", "Any vomiting?");
        }

        var (_, pair, _) = await Client.PostAsync("/api/v1/refresh", new JsonObject { ["refresh_token"] = refresh }.ToJsonString());
        await using var again = await Client.ConnectAsync(pair!["access_token"]!.GetValue<string>(), cancellationToken: Ct);
        var last = (await again.AskAsync("TEST", "cbc"))[^1];
        Assert.Equal(309m, last["total_spent"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Logout_closes_the_sessions_open_sockets()
    {
        var (access, refresh) = await Client.LoginAsync();
        await using var socket = await Client.ConnectAsync(access, cancellationToken: Ct);
        await socket.AskAsync("QUESTION", "Any vomiting?");
        Assert.Equal(200, (await Client.PostAsync("/api/v1/logout", new JsonObject { ["refresh_token"] = refresh }.ToJsonString())).Status);

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        wait.CancelAfter(TimeSpan.FromSeconds(10));
        var notice = await socket.ReceiveAsync(wait.Token);
        Assert.StartsWith("session_ended: the session has ended (logged out)", notice!["error"]!.GetValue<string>());
        Assert.Null(await socket.ReceiveAsync(wait.Token));
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, socket.Socket.CloseStatus);
        Assert.Equal(401, (await Client.TryConnectAsync(access)).Status);
    }

    [Theory]
    [InlineData("One sentence.")]
    [InlineData("He vomited twice. The vomiting began after the pain, not before it.")]
    [InlineData("Complete blood count: WBC 14.8\nLipase: 32 U/L (normal)")]
    [InlineData("one two three four five six seven eight nine ten eleven twelve thirteen fourteen")]
    public void Streamed_pieces_join_to_the_reply_exactly(string reply)
    {
        var pieces = MedScribe.Silo.Api.Dx0.Dx0SocketApi.Pieces(reply);
        Assert.Equal(reply, string.Concat(pieces));
        Assert.Equal(reply.Contains(' ') && reply.Length > 20, pieces.Count > 1);
    }

    private static decimal TestCatalogPrice(string name) => MedScribe.Diagnostics.Testing.TestCatalog.Default.Find(name)!.Price;
}
