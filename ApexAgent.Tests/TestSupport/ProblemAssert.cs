using System.Net;
using System.Text.Json;

namespace ApexAgent.Tests.TestSupport;

/// <summary>Checks that a response is an RFC 7807 problem with the expected status and stable code.</summary>
public static class ProblemAssert
{
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? code = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        var actualCode = problem.GetProperty("code").GetString();
        Assert.False(string.IsNullOrWhiteSpace(actualCode));
        if (code is not null)
        {
            Assert.Equal(code, actualCode);
        }

        return problem;
    }
}
