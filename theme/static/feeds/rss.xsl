<?xml version="1.0" encoding="UTF-8"?>
<!-- The face of an RSS file opened in a browser (with FEED_STYLESHEET = True,
     comptoir.feeds points each rss.xml here with <?xml-stylesheet?>). An extra
     only: browsers are dropping XSLT (Chromium 156 covers the page with a
     warning), and the subscribe page says the same in every browser. French when
     the channel's <language> is fr, else English. Plain text only (the
     summaries are text), no script, nothing loaded from anywhere. -->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:variable name="channel" select="/rss/channel"/>
  <xsl:variable name="fr" select="starts-with($channel/language, 'fr')"/>
  <xsl:variable name="self" select="$channel/atom:link[@rel='self']/@href"/>

  <xsl:template match="/">
    <html lang="{$channel/language}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title>
          <xsl:value-of select="$channel/title"/>
          <xsl:choose>
            <xsl:when test="$fr"> · flux RSS</xsl:when>
            <xsl:otherwise> · RSS feed</xsl:otherwise>
          </xsl:choose>
        </title>
        <style>
          :root { color-scheme: light dark; --text: #1f1f1f; --bg: #ffffff; --muted: #555555; --line: #d9d9d9; --link: #1a56a8; }
          @media (prefers-color-scheme: dark) { :root { --text: #ececec; --bg: #161616; --muted: #b5b5b5; --line: #3d3d3d; --link: #9cc3ff; } }
          body { margin: 0; background: var(--bg); color: var(--text); font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
          main { width: min(100% - 2rem, 42rem); margin: 0 auto; padding-block: 1.5rem 3rem; }
          a { color: var(--link); }
          h1, h2 { line-height: 1.25; }
          .about { border: 1px solid var(--line); border-radius: .6rem; padding: .25rem 1rem; }
          code { overflow-wrap: anywhere; }
          article { border-top: 1px solid var(--line); padding-block: .5rem; }
          article h2 { font-size: 1.2rem; margin: .5rem 0 .25rem; }
          .date { color: var(--muted); font-size: .95rem; margin: 0; }
        </style>
      </head>
      <body>
        <main>
          <section class="about">
            <xsl:choose>
              <xsl:when test="$fr">
                <p><strong>Ceci est un flux RSS.</strong> Copiez son adresse dans un lecteur de flux pour suivre nos nouvelles publications dans l’application de votre choix&#160;: sans compte, sans algorithme, sans donner votre e-mail.</p>
                <p>Adresse du flux&#160;: <code><xsl:value-of select="$self"/></code></p>
              </xsl:when>
              <xsl:otherwise>
                <p><strong>This is an RSS feed.</strong> Copy its address into a feed reader to follow what we publish in the app of your choice: without an account, without an algorithm, without giving your email.</p>
                <p>Address of the feed: <code><xsl:value-of select="$self"/></code></p>
              </xsl:otherwise>
            </xsl:choose>
          </section>
          <h1><xsl:value-of select="$channel/title"/></h1>
          <p><xsl:value-of select="$channel/description"/></p>
          <p>
            <a href="{$channel/link}">
              <xsl:choose>
                <xsl:when test="$fr">Voir sur le site</xsl:when>
                <xsl:otherwise>See it on the site</xsl:otherwise>
              </xsl:choose>
            </a>
          </p>
          <xsl:apply-templates select="$channel/item"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="item">
    <article>
      <h2><a href="{link}"><xsl:value-of select="title"/></a></h2>
      <xsl:if test="pubDate">
        <p class="date"><xsl:call-template name="date"><xsl:with-param name="rfc822" select="pubDate"/></xsl:call-template></p>
      </xsl:if>
      <xsl:if test="description">
        <p><xsl:value-of select="description"/></p>
      </xsl:if>
    </article>
  </xsl:template>

  <!-- "Sat, 01 Mar 2025 00:00:00 +0100" (as the feed writes it) as "1 mars 2025" or "1 March 2025". -->
  <xsl:template name="date">
    <xsl:param name="rfc822"/>
    <xsl:variable name="months">
      <xsl:choose>
        <xsl:when test="$fr">Jan:janvier Feb:février Mar:mars Apr:avril May:mai Jun:juin Jul:juillet Aug:août Sep:septembre Oct:octobre Nov:novembre Dec:décembre </xsl:when>
        <xsl:otherwise>Jan:January Feb:February Mar:March Apr:April May:May Jun:June Jul:July Aug:August Sep:September Oct:October Nov:November Dec:December </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="day" select="number(substring($rfc822, 6, 2))"/>
    <xsl:value-of select="$day"/>
    <xsl:if test="$fr and $day = 1">er</xsl:if>
    <xsl:text> </xsl:text>
    <xsl:value-of select="substring-before(substring-after($months, concat(substring($rfc822, 9, 3), ':')), ' ')"/>
    <xsl:text> </xsl:text>
    <xsl:value-of select="substring($rfc822, 13, 4)"/>
  </xsl:template>
</xsl:stylesheet>
