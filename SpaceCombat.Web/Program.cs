using SpaceCombat.Web;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Operations;

var builder = WebApplication.CreateBuilder(args);

builder.AddOperations();
builder.Services.AddSpaceCombatWeb();
builder.AddBattles();

var app = builder.Build();

app.UseOperations();
app.UseSpaceCombatWeb();
app.MapSpaceCombatWeb();

app.Run();

// Lets tests reference the entry point as WebApplicationFactory<Program>.
public partial class Program;
