using Microsoft.JSInterop;

namespace SpaceCombat.Web.Tests.Operations;

/// <summary>A browser's local storage: the values the page's protected storage writes and reads back.</summary>
internal sealed class BrowserLocalStorage : IJSRuntime
{
    private readonly Dictionary<string, string?> _items = new(StringComparer.Ordinal);

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args)
    {
        var key = (string)args![0]!;
        switch (identifier)
        {
            case "localStorage.setItem":
                _items[key] = (string?)args[1];
                return ValueTask.FromResult(default(TValue)!);
            case "localStorage.getItem":
                return ValueTask.FromResult((TValue)(object?)_items.GetValueOrDefault(key)!);
            case "localStorage.removeItem":
                _items.Remove(key);
                return ValueTask.FromResult(default(TValue)!);
            default:
                throw new InvalidOperationException($"Unexpected call {identifier}");
        }
    }

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => InvokeAsync<TValue>(identifier, args);
}
