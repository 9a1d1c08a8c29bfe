import dev.sessionplugin.core.extract.S3Server

// A real S3-protocol server on loopback holding the two sample objects under s3-geospatial/readonly/.
def s3 = S3Server.start()
s3.bucket('s3-geospatial')
['user_session_channel.csv', 'session_timestamp.csv'].each {
    s3.put('s3-geospatial', 'readonly/' + it, new File(basedir, 'data/' + it).bytes)
}
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('S3_ENDPOINT', s3.endpoint())
return true
