using MedScribe.Silo.Api.Dx0;
using MedScribe.Silo.Auth;
using System.Text.Json.Nodes;

namespace MedScribe.Silo.Tests;

/// <summary>The seed's authentication flow: login, bearer access, refresh rotation, logout, lockout, groups.</summary>
public sealed class Dx0AuthTests(Dx0Host host) : IClassFixture<Dx0Host>
{
    private Dx0Client Client => host.Client;

    private static string Credentials(string user, string password) => new JsonObject { ["username"] = user, ["password"] = password }.ToJsonString();

    [Fact]
    public async Task The_seeds_curl_example_logs_in_and_reads_the_case_with_the_bearer_token()
    {
        var (status, body, _) = await Client.PostAsync("/api/v1/login", Credentials(Dx0Users.Physician, Dx0Users.Password));
        Assert.Equal(200, status);
        var token = body!["access_token"]!.GetValue<string>();
        Assert.Equal(3, token.Split('.').Length);
        Assert.StartsWith("dxs_", body["refresh_token"]!.GetValue<string>());
        Assert.Equal(3600, body["expires_in"]!.GetValue<int>());

        var (caseStatus, summary, _) = await Client.GetAsync("/api/v1/case", token);
        Assert.Equal(200, caseStatus);
        Assert.Equal("A 19-year-old man with abdominal pain and vomiting since yesterday", summary!["summary"]!.GetValue<string>());
        Assert.Equal(2000m, summary["budget"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task The_access_token_is_an_hs256_jwt_with_issuer_audience_subject_session_and_id()
    {
        var (access, refresh) = await Client.LoginAsync();
        var parts = access.Split('.');
        JsonNode Decode(string part) => JsonNode.Parse(Convert.FromBase64String(part.Replace('-', '+').Replace('_', '/').PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '=')))!;
        Assert.Equal("HS256", Decode(parts[0])["alg"]!.GetValue<string>());
        var claims = Decode(parts[1]);
        Assert.Equal("medscribe-dx0", claims["iss"]!.GetValue<string>());
        Assert.Equal("medscribe-dx0-api", claims["aud"]!.GetValue<string>());
        Assert.Equal(Dx0Users.Physician, claims["sub"]!.GetValue<string>());
        Assert.Equal(refresh.Split('.')[0], claims["sid"]!.GetValue<string>());
        Assert.Equal(32, claims["jti"]!.GetValue<string>().Length);
        Assert.Equal(3600, claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>());
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_get_the_same_401_and_bad_bodies_name_the_field()
    {
        var headers = Dx0Host.From("198.51.100.10");
        var (wrong, wrongBody, wrongResponse) = await Client.PostAsync("/api/v1/login", Credentials(Dx0Users.Physician, "nope"), headers: headers);
        var (unknown, unknownBody, _) = await Client.PostAsync("/api/v1/login", Credentials("nobody", "nope"), headers: Dx0Host.From("198.51.100.11"));
        Assert.Equal(401, wrong);
        Assert.Equal(401, unknown);
        Assert.Equal("Invalid credentials.", wrongBody!["detail"]!.GetValue<string>());
        Assert.Equal(wrongBody.ToJsonString(), unknownBody!.ToJsonString());
        Assert.Equal("Bearer", wrongResponse.Headers.WwwAuthenticate.ToString());

        var (missing, missingBody, _) = await Client.PostAsync("/api/v1/login", """{"username":"x"}""");
        Assert.Equal(422, missing);
        Assert.Equal("body.password: field required (a non-empty string)", missingBody!["detail"]!.GetValue<string>());
        var (notJson, notJsonBody, _) = await Client.PostAsync("/api/v1/login", "username=x");
        Assert.Equal(400, notJson);
        Assert.StartsWith("The request body is not valid JSON", notJsonBody!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Failed_logins_lock_the_address_out_for_the_cooldown_even_with_the_right_password_and_it_lifts()
    {
        // The host's limit is 3: as the seed counts, every failure up to the limit is 401 and the next attempt is 429.
        var headers = Dx0Host.From("203.0.113.7");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(401, (await Client.PostAsync("/api/v1/login", Credentials(Dx0Users.Physician, "wrong"), headers: headers)).Status);
        }

        var (fourth, body, response) = await Client.PostAsync("/api/v1/login", Credentials(Dx0Users.Physician, "wrong"), headers: headers);
        Assert.Equal(429, fourth);
        Assert.StartsWith("Too many failed login attempts", body!["detail"]!.GetValue<string>());
        Assert.InRange(int.Parse(response.Headers.GetValues("Retry-After").Single()), 1, 2);
        Assert.Equal(429, (await Client.PostAsync("/api/v1/login", Credentials(Dx0Users.Physician, Dx0Users.Password), headers: headers)).Status);

        // Another address is not affected.
        Assert.Equal(200, (await Client.PostAsync("/api/v1/login", Credentials(Dx0Users.Physician, Dx0Users.Password), headers: Dx0Host.From("203.0.113.8"))).Status);

        await Task.Delay(TimeSpan.FromSeconds(2.2), TestContext.Current.CancellationToken);
        Assert.Equal(200, (await Client.PostAsync("/api/v1/login", Credentials(Dx0Users.Physician, Dx0Users.Password), headers: headers)).Status);
    }

    [Fact]
    public async Task A_successful_login_clears_the_failure_count()
    {
        var headers = Dx0Host.From("203.0.113.20");
        for (var round = 0; round < 2; round++)
        {
            Assert.Equal(401, (await Client.PostAsync("/api/v1/login", Credentials(Dx0Users.Physician, "wrong"), headers: headers)).Status);
            Assert.Equal(401, (await Client.PostAsync("/api/v1/login", Credentials(Dx0Users.Physician, "wrong"), headers: headers)).Status);
            Assert.Equal(200, (await Client.PostAsync("/api/v1/login", Credentials(Dx0Users.Physician, Dx0Users.Password), headers: headers)).Status);
        }
    }

    [Fact]
    public async Task Refresh_rotates_the_pair_and_the_old_refresh_token_is_refused_and_its_reuse_ends_the_session()
    {
        var (access, refresh) = await Client.LoginAsync();
        var (status, body, _) = await Client.PostAsync("/api/v1/refresh", new JsonObject { ["refresh_token"] = refresh }.ToJsonString());
        Assert.Equal(200, status);
        var newAccess = body!["access_token"]!.GetValue<string>();
        var newRefresh = body["refresh_token"]!.GetValue<string>();
        Assert.NotEqual(refresh, newRefresh);
        Assert.NotEqual(access, newAccess);
        Assert.Equal(200, (await Client.GetAsync("/api/v1/case", newAccess)).Status);

        var (reused, reusedBody, _) = await Client.PostAsync("/api/v1/refresh", new JsonObject { ["refresh_token"] = refresh }.ToJsonString());
        Assert.Equal(401, reused);
        Assert.Equal("Invalid or expired refresh token.", reusedBody!["detail"]!.GetValue<string>());
        // A reused token means it was stolen: the whole session ends, the current tokens too.
        Assert.Equal(401, (await Client.PostAsync("/api/v1/refresh", new JsonObject { ["refresh_token"] = newRefresh }.ToJsonString())).Status);
        Assert.Equal(401, (await Client.GetAsync("/api/v1/case", newAccess)).Status);

        Assert.Equal(401, (await Client.PostAsync("/api/v1/refresh", """{"refresh_token":"made-up"}""")).Status);
        Assert.Equal(422, (await Client.PostAsync("/api/v1/refresh", "{}")).Status);
    }

    [Fact]
    public async Task Logout_ends_the_session_and_an_unknown_or_used_refresh_token_is_401()
    {
        var (access, refresh) = await Client.LoginAsync();
        var (status, body, response) = await Client.PostAsync("/api/v1/logout", new JsonObject { ["refresh_token"] = refresh }.ToJsonString());
        Assert.Equal(200, status);
        Assert.Null(body);
        var (after, afterBody, _) = await Client.GetAsync("/api/v1/case", access);
        Assert.Equal(401, after);
        Assert.Equal("The session has ended; log in again.", afterBody!["detail"]!.GetValue<string>());
        Assert.Equal(401, (await Client.PostAsync("/api/v1/logout", new JsonObject { ["refresh_token"] = refresh }.ToJsonString())).Status);
        Assert.Equal(401, (await Client.PostAsync("/api/v1/refresh", new JsonObject { ["refresh_token"] = refresh }.ToJsonString())).Status);
        Assert.Equal(401, (await Client.PostAsync("/api/v1/logout", """{"refresh_token":"dxs_0000.unknown"}""")).Status);
    }

    [Fact]
    public async Task Case_and_tests_need_a_valid_token()
    {
        foreach (var path in new[] { "/api/v1/case", "/api/v1/tests", "/api/v1/cases" })
        {
            var (none, noneBody, response) = await Client.GetAsync(path);
            Assert.Equal(401, none);
            Assert.StartsWith("Not authenticated", noneBody!["detail"]!.GetValue<string>());
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
            var (forged, forgedBody, _) = await Client.GetAsync(path, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");
            Assert.Equal(401, forged);
            Assert.Equal("Invalid or expired access token.", forgedBody!["detail"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Tests_lists_names_as_documented_plus_prices_and_cpt_codes()
    {
        var (access, _) = await Client.LoginAsync();
        var (status, body, _) = await Client.GetAsync("/api/v1/tests", access);
        Assert.Equal(200, status);
        var names = body!["tests"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Contains("complete blood count", names);
        Assert.Contains("basic metabolic panel", names);
        var cbc = body["prices"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "complete blood count")!;
        Assert.Equal(9.0m, cbc["price"]!.GetValue<decimal>());
        Assert.Equal("85027", cbc["cpt_code"]!.GetValue<string>());
        Assert.Equal(names.Count, body["prices"]!.AsArray().Count);
        Assert.Equal(300m, body["visit_fee"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Fhir_export_is_401_without_a_token_403_for_a_physician_and_200_for_an_admin()
    {
        const string tests = """{"tests":["complete blood count"],"patient_id":"patient-123"}""";
        Assert.Equal(401, (await Client.PostAsync("/api/v1/fhir/tests", tests)).Status);
        var (physician, _) = await Client.LoginAsync();
        var (forbidden, body, _) = await Client.PostAsync("/api/v1/fhir/tests", tests, physician);
        Assert.Equal(403, forbidden);
        Assert.Equal("Admin access required.", body!["detail"]!.GetValue<string>());
        Assert.Equal(403, (await Client.PostAsync("/api/v1/fhir/transcript", """{"transcript":[],"patient_id":"p"}""", physician)).Status);
        var (admin, _) = await Client.LoginAsync(Dx0Users.Admin);
        Assert.Equal(200, (await Client.PostAsync("/api/v1/fhir/tests", tests, admin)).Status);
    }

    [Fact]
    public async Task The_case_library_lists_cases_without_their_diagnoses_and_a_case_can_be_chosen_before_the_first_question()
    {
        var (access, _) = await Client.LoginAsync();
        var (status, body, _) = await Client.GetAsync("/api/v1/cases", access);
        Assert.Equal(200, status);
        Assert.Equal(MedScribe.Diagnostics.Cases.CaseLibrary.Embedded(MedScribe.Diagnostics.Testing.TestCatalog.Default).Cases.Count, body!["cases"]!.AsArray().Count);
        Assert.DoesNotContain("diagnosis", body.ToJsonString(), StringComparison.OrdinalIgnoreCase);

        var (chosen, chosenBody, _) = await Client.GetAsync("/api/v1/case?case=03-pulmonary-embolism", access);
        Assert.Equal(200, chosen);
        Assert.Equal("03-pulmonary-embolism", chosenBody!["case_id"]!.GetValue<string>());
        var (unknown, unknownBody, _) = await Client.GetAsync("/api/v1/case?case=99-nothing", access);
        Assert.Equal(404, unknown);
        Assert.StartsWith("case_not_found: No case '99-nothing'", unknownBody!["detail"]!.GetValue<string>());

        await using (var socket = await Client.ConnectAsync(access, cancellationToken: TestContext.Current.CancellationToken))
        {
            Assert.True((await socket.AskAsync("QUESTION", "Any chest pain?")).Last()["done"]!.GetValue<bool>());
        }

        var (started, startedBody, _) = await Client.GetAsync("/api/v1/case?case=01-acute-appendicitis", access);
        Assert.Equal(409, started);
        Assert.StartsWith("case_started:", startedBody!["detail"]!.GetValue<string>());
    }
}

public sealed class PhysicianPasswordsTests
{
    [Fact]
    public void An_unknown_user_is_checked_against_a_decoy_of_the_users_own_cost()
    {
        var users = new PhysicianUsers(null,
        [
            new("a", BCrypt.Net.BCrypt.HashPassword("first-password", 5), "default"),
            new("b", BCrypt.Net.BCrypt.HashPassword("second-password", 5), "default"),
            new("c", BCrypt.Net.BCrypt.HashPassword("third-password", 4), "admin"),
        ]);
        var passwords = new PhysicianPasswords(users);
        Assert.Equal(5, passwords.DecoyCost());
        Assert.Equal(10, PhysicianPasswords.CostOf("$2a$10$abcdefghijklmnopqrstuv"));
        Assert.Null(PhysicianPasswords.CostOf("plain"));
        Assert.True(passwords.Verify("first-password", users.Find("a")!.PasswordHash));
        Assert.False(passwords.Verify("first-password", null));
        Assert.False(passwords.Verify("wrong", users.Find("a")!.PasswordHash));
        Assert.Equal(PhysicianPasswords.WorkFactor, new PhysicianPasswords(new MedScribe.Silo.Auth.PhysicianUsers(null, [])).DecoyCost());
    }
}
