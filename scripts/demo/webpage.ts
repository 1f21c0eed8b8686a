/**
 * La Sabana Digital's article of 19 September as the outlet's site serves it (an invented site
 * under `.example`): a news page with navigation, a cookie banner, share buttons, a related-news
 * box and the article, with the metadata a CMS writes — Open Graph tags and a JSON-LD
 * NewsArticle with its publication and modification times and byline. Saved as the analyst's
 * browser saves it ("Web page, HTML only").
 */
export function laSabanaArticlePage(): string {
  const url = 'https://lasabana.example/2026/09/19/vecinos-describen-crater-sabana/';
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: 'Vecinos describen un cráter en sabana abierta: "ahí no había nada"',
    datePublished: '2026-09-19T19:45:00-04:00',
    dateModified: '2026-09-19T21:02:00-04:00',
    author: [{ '@type': 'Person', name: 'J. Rivas', url: 'https://lasabana.example/autor/jrivas/' }],
    publisher: { '@type': 'Organization', name: 'La Sabana Digital', logo: { '@type': 'ImageObject', url: 'https://lasabana.example/logo.png' } },
    mainEntityOfPage: url,
    articleSection: 'Sucesos',
    inLanguage: 'es-VE',
    image: ['https://lasabana.example/media/2026/09/sabana-caño-guaramacal-ilustracion.jpg'],
  };
  return `<!doctype html>
<html lang="es-VE">
<head>
<meta charset="utf-8">
<!-- SYNTHETIC DEMO PAGE made by corroborate (npm run make-demo); the outlet and the events are invented. -->
<title>Vecinos describen un cráter en sabana abierta: "ahí no había nada" | La Sabana Digital</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="Habitantes que se acercaron a la zona describen un hueco grande en la sabana, lejos de cualquier vivienda.">
<link rel="canonical" href="${url}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="La Sabana Digital">
<meta property="og:title" content="Vecinos describen un cráter en sabana abierta: &quot;ahí no había nada&quot;">
<meta property="og:url" content="${url}">
<meta property="article:published_time" content="2026-09-19T19:45:00-04:00">
<meta property="article:modified_time" content="2026-09-19T21:02:00-04:00">
<meta name="author" content="J. Rivas">
<script type="application/ld+json">${JSON.stringify(jsonLd)}</script>
<style>
body{font-family:Georgia,serif;margin:0;color:#222;background:#faf8f2}
header,footer,nav{font-family:Arial,sans-serif;background:#2f5d3a;color:#fff;padding:.6em 1.2em}
nav a{color:#fff;margin-right:1em;text-decoration:none}
main{max-width:44em;margin:1.5em auto;padding:0 1em}
.kicker{color:#a33;font:bold .85em Arial,sans-serif;text-transform:uppercase}
.byline{color:#555;font:.9em Arial,sans-serif}
aside{border-top:2px solid #2f5d3a;margin-top:2em;font:.9em Arial,sans-serif}
.cookies{position:fixed;bottom:0;left:0;right:0;background:#333;color:#eee;padding:.5em;font:.8em Arial,sans-serif}
</style>
</head>
<body>
<header><strong>La Sabana Digital</strong> — Periodismo desde el llano</header>
<nav><a href="/">Inicio</a><a href="/sucesos/">Sucesos</a><a href="/economia/">Economía</a><a href="/deportes/">Deportes</a><a href="/contacto/">Contacto</a></nav>
<main>
<article>
<p class="kicker">Sucesos · Apure</p>
<h1>Vecinos describen un cráter en sabana abierta: "ahí no había nada"</h1>
<p class="byline">Por <span class="author">J. Rivas</span> · <time datetime="2026-09-19T19:45:00-04:00">19 de septiembre de 2026, 7:45 p. m.</time> · Actualizado a las 9:02 p. m.</p>
<p>Habitantes de La Ceibita del Sarare y de Caño Guaramacal que se acercaron este sábado a la zona señalada por el Comando de Operaciones Conjuntas del Llano describen un hueco grande en la sabana, "como de diez metros", lejos de cualquier vivienda.</p>
<p>"Ahí no había nada. Ni ranchos, ni carpas, ni gente. Eso es sabana abierta detrás del caño", dijo a La Sabana Digital un productor de la zona que pidió no ser identificado. Otros dos vecinos coincidieron: <strong>no vieron restos de construcciones ni cuerpos</strong>.</p>
<p>El Comando informó el viernes que un ataque aéreo de precisión, a las 02:10, destruyó un campamento del Frente Guerrillero Río Sarare (FGRS) y dejó 12 integrantes del grupo muertos. Vecinos de varios caseríos escucharon dos explosiones a esa hora y la luz se fue en La Ceibita y Los Araguaneyes.</p>
<p>El área sigue acordonada por efectivos militares y no ha sido posible acceder con cámaras. La Sabana Digital pidió al Comando las coordenadas del campamento y pruebas de las bajas; no hubo respuesta al cierre de esta nota.</p>
<p><em>Esta nota se actualizó a las 9:02 p. m. para añadir el testimonio de un segundo vecino.</em></p>
</article>
<div class="share">Compartir: <a href="#">WhatsApp</a> · <a href="#">Telegram</a> · <a href="#">X</a></div>
<aside><h2>Más en Sucesos</h2><ul><li><a href="/2026/09/18/habitantes-campamento-abandonado/">Habitantes aseguran que el "campamento" estaba abandonado desde hace meses</a></li><li><a href="/2026/09/18/explosiones-sur-paez-version-oficial-preguntas/">Explosiones en el sur de Páez: la versión oficial y las preguntas</a></li></ul></aside>
</main>
<footer>© 2026 La Sabana Digital (sitio SINTÉTICO de demostración)</footer>
<div class="cookies">Usamos cookies para medir la audiencia. <button>Aceptar</button></div>
</body>
</html>
`;
}
