using CXGear.Client;

namespace CXGear.Cli.Commands;

/// <summary>
/// One place that turns what can go wrong into a one-line message on stderr and an exit code, so no command prints a
/// stack trace for an expected failure (and no exception text with request details reaches the terminal).
/// </summary>
internal static class CommandGuard
{
    public static async Task<int> RunAsync(Func<Task<int>> command, CancellationToken cancellationToken)
    {
        try
        {
            return await command();
        }
        catch (CliException error)
        {
            return Fail(error.Message);
        }
        catch (CXGearApiException error)
        {
            return Fail($"{error.ErrorCode} ({error.StatusCode}): {error.Problem?.Detail ?? "the API gave no details."}");
        }
        catch (Exception error) when (error is HttpRequestException or TimeoutException)
        {
            return Fail($"the API could not be reached: {error.Message}");
        }
        catch (Exception error) when (error is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return Fail(error.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Interrupted.");
            return ExitCodes.Interrupted;
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return ExitCodes.Failed;
    }
}
